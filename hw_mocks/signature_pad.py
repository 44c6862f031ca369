"""Simulated signature pad: a handwritten-looking signature (an initial, a cursive name, a flourish).

Points come at 200 Hz while the pen touches, pressure rises and falls along each stroke, and strokes are
separated by a pen-up point (pressure 0) and a short pause, as a real pad reports them. Each capture varies
a little (seeded by a counter) so two signatures are never byte-identical, yet runs are reproducible.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from hw_mocks.protocol import OpHandler

WIDTH, HEIGHT, MAX_PRESSURE, RATE_HZ = 2400, 1200, 1023, 200
STEP_MS = 1000 // RATE_HZ

Point = list[int]  # [x, y, pressure, t_ms]


class SignaturePadSim:
    name = "signature_pad"

    def __init__(self, data_dir: Path | None = None) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "capture": self.capture}

    def control_ops(self) -> dict[str, OpHandler]:
        return {}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"width": WIDTH, "height": HEIGHT, "max_pressure": MAX_PRESSURE, "rate_hz": RATE_HZ}

    def capture(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._count += 1
            seed = self._count
        return {"points": signature(seed), "width": WIDTH, "height": HEIGHT, "max_pressure": MAX_PRESSURE}


def signature(seed: int) -> list[Point]:
    rng = np.random.default_rng(seed)
    strokes = [_initial(rng), _cursive(rng), _flourish(rng)]
    points: list[Point] = []
    t = 0
    for stroke in strokes:
        n = len(stroke)
        for i, (x, y) in enumerate(stroke):
            # Pressure: quick rise, slow wobble, quick release.
            envelope = min(1.0, i / 6, (n - 1 - i) / 6 + 0.05)
            wobble = 0.75 + 0.2 * math.sin(i / 9 + rng.uniform(0, 0.3))
            pressure = max(1, round(MAX_PRESSURE * 0.9 * envelope * wobble))
            points.append([_clip(x, WIDTH), _clip(y, HEIGHT), pressure, t])
            t += STEP_MS
        last = points[-1]
        points.append([last[0], last[1], 0, t])  # pen up
        t += int(rng.integers(120, 260))
    return points


def _initial(rng: np.random.Generator) -> list[tuple[float, float]]:
    """A tall looped capital, like a cursive "D" or "L"."""
    jitter = rng.uniform(-15, 15)
    out = []
    for s in np.linspace(0, 1, 70):
        a = 2 * math.pi * s
        x = 380 + 120 * math.sin(a) + 90 * s + jitter
        out.append((x, 760 - 420 * math.sin(a / 2) + 60 * math.cos(a)))
    return out


def _cursive(rng: np.random.Generator) -> list[tuple[float, float]]:
    """A run of loops drifting to the right: a prolate cycloid reads as joined-up letters."""
    loops = 7
    speed = rng.uniform(0.95, 1.05)
    out = []
    for s in np.linspace(0, loops * 2 * math.pi, loops * 32):
        x = 560 + 36 * s * speed + 70 * math.sin(s)
        y = 700 - 150 * (1 - math.cos(s)) * (0.7 + 0.3 * math.sin(s / 3))
        out.append((x, y))
    return out


def _flourish(rng: np.random.Generator) -> list[tuple[float, float]]:
    """The underline with a hook back, typical of French signatures (paraphe)."""
    out = []
    for s in np.linspace(0, 1, 90):
        x = 420 + 1500 * s - 200 * max(0.0, s - 0.85) * 10 * s
        y = 880 + 90 * math.sin(math.pi * s) * rng.uniform(0.98, 1.02) - 200 * max(0.0, s - 0.85)
        out.append((x, y))
    return out


def _clip(v: float, size: int) -> int:
    return int(min(size - 1, max(0, round(v))))
