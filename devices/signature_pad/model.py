"""Data the signature pad yields."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PadInfo:
    width: int  # coordinate range of x: 0..width-1
    height: int
    max_pressure: int
    rate_hz: int  # sampling rate while the pen touches


@dataclass(frozen=True)
class PenPoint:
    x: int
    y: int
    pressure: int  # 0 = pen up: strokes are separated by pen-up points
    t_ms: int  # since the first point


@dataclass(frozen=True)
class PenTrace:
    points: list[PenPoint] = field(default_factory=list)
    width: int = 0
    height: int = 0
    max_pressure: int = 0

    def strokes(self) -> list[list[PenPoint]]:
        """The pen-down runs, in order (what gets drawn)."""
        out: list[list[PenPoint]] = []
        current: list[PenPoint] = []
        for p in self.points:
            if p.pressure > 0:
                current.append(p)
            elif current:
                out.append(current)
                current = []
        if current:
            out.append(current)
        return out
