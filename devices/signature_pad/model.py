"""Data the signature pad yields."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PadInfo:
    width: int  # coordinate range of x: 0..width-1 (pad logical units)
    height: int
    max_pressure: int
    rate_hz: int  # report rate while the pen is in range
    model: str = ""
    units_per_mm: int = 0  # resolution of x and y; 0 when the pad does not say
    screen_width: int = 0  # the pad's own display, pixels
    screen_height: int = 0
    box: tuple[int, int, int, int] | None = None  # the signing box (x0, y0, x1, y1), pad units


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
    box: tuple[int, int, int, int] | None = None
    units_per_mm: int = 0
    rate_hz: int = 0

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


@dataclass(frozen=True)
class PenEvent:
    """What a capture streams to its listener while the applicant signs (from the device's thread).

    The first event of a capture carries `info` and `cleared`; a clear (from the pad or the station) sends
    `cleared` again; then new points come in small batches, in order. `notice` tells the agent, in French,
    about input the pad refused (a mouse or a finger on the system's tablet).
    """

    points: tuple[PenPoint, ...] = ()
    cleared: bool = False
    info: PadInfo | None = None
    notice: str = ""
