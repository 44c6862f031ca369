"""The pen's time series as the domain sees it: samples in the pad's units, and the pad's geometry.

The station builds it from what the pad driver yields; nothing here knows about devices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np



@dataclass(frozen=True)
class PenSample:
    x: int
    y: int  # downwards, as on the pad's screen
    pressure: int  # 0 = pen up (ends a stroke)
    t_ms: int  # since the first sample


@dataclass(frozen=True)
class SignatureSeries:
    samples: tuple[PenSample, ...]
    width: int  # pad coordinate range: x in 0..width-1
    height: int
    max_pressure: int
    box: tuple[int, int, int, int] | None = None  # the signing box (x0, y0, x1, y1); None = the whole pad
    units_per_mm: float = 0.0  # 0 when the pad does not tell its resolution
    rate_hz: int = 0
    _strokes: list[np.ndarray] = field(default_factory=list, init=False, repr=False, compare=False)

    def strokes(self) -> list[np.ndarray]:
        """Pen-down runs as arrays of rows (x, y, pressure, t_ms), in order."""
        import numpy as np  # with the first signature, not with the station's start

        if not self._strokes and self.samples:
            current: list[tuple[int, int, int, int]] = []
            for s in self.samples:
                if s.pressure > 0:
                    current.append((s.x, s.y, s.pressure, s.t_ms))
                elif current:
                    self._strokes.append(np.array(current, dtype=np.float64))
                    current = []
            if current:
                self._strokes.append(np.array(current, dtype=np.float64))
        return self._strokes

    def ink_points(self) -> np.ndarray:
        """All pen-down (x, y) as one array (0 × 2 when nothing touched the pad)."""
        import numpy as np

        strokes = self.strokes()
        return np.concatenate([s[:, :2] for s in strokes]) if strokes else np.zeros((0, 2))

    def mm(self, units: float) -> float:
        """Pad units to millimetres; a pad of unknown resolution is taken as 100 mm wide."""
        per_mm = self.units_per_mm or self.width / 100
        return units / per_mm
