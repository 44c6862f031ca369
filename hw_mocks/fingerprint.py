"""Simulated fingerprint scanner: real 500 ppi plain impressions from the developer set.

Each ISO finger position maps to its own FVC2002 DB1-B finger (position n -> finger 100+n), so the two index
fingers are different fingers, and the impression kept for each is the one with the best NFIQ 2 score:
a capture is the same image every time, which keeps tests deterministic. Without the data set a synthetic
ridge pattern stands in.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from hw_mocks.data import read_scores
from hw_mocks.protocol import OpHandler, SimError, arg, b64

PPI = 500
WIDTH, HEIGHT = 388, 374  # the FVC2002 DB1 sensor (Identix TouchView II)
POSITIONS = tuple(str(n) for n in range(1, 11))


class FingerprintSim:
    name = "fingerprint"

    def __init__(self, data_dir: Path | None) -> None:
        self._files = _choose_files(data_dir / "fingers") if data_dir is not None else {}
        self._cache: dict[str, bytes] = {}

    def ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "capture": self.capture}

    def control_ops(self) -> dict[str, OpHandler]:
        return {}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"vendor": "Recueil", "model": "Lecteur d'empreintes simulé", "ppi": PPI,
                "width": WIDTH, "height": HEIGHT}

    def capture(self, args: dict[str, Any]) -> dict[str, Any]:
        position = arg(args, "position", str)
        if position not in POSITIONS:
            raise SimError("fingerprint.bad_position", f"unknown finger position {position!r}")
        if position not in self._cache:
            self._cache[position] = self._png(position)
        return {"png": b64(self._cache[position]), "ppi": PPI, "position": position}

    def _png(self, position: str) -> bytes:
        path = self._files.get(position)
        if path is not None:
            try:
                return path.read_bytes()  # already a 500 ppi grey PNG
            except OSError:
                pass
        ok, png = cv2.imencode(".png", synthetic_print(position))
        if not ok:
            raise SimError("fingerprint.failed", "PNG encoding failed")
        return png.tobytes()


def _choose_files(folder: Path) -> dict[str, Path]:
    scores = read_scores(folder / "nfiq2_scores.csv")
    chosen: dict[str, Path] = {}
    for position in POSITIONS:
        finger = 100 + int(position)
        candidates = [folder / f"fvc2002db1b_{finger}_{i}.png" for i in range(1, 9)]
        candidates = [p for p in candidates if p.is_file()]
        if candidates:
            # Best NFIQ 2 first; ties (or no scores) fall back to the first impression.
            chosen[position] = max(candidates, key=lambda p: (scores.get(p.name, 0), -candidates.index(p)))
    return chosen


def synthetic_print(position: str) -> np.ndarray:
    """A loop-like ridge pattern (about 9 ridges/mm at 500 ppi), different for each position."""
    rng = np.random.default_rng(zlib.crc32(position.encode()))
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    cx, cy = WIDTH * rng.uniform(0.4, 0.6), HEIGHT * rng.uniform(0.35, 0.55)
    warp = 6 * np.sin(xx / rng.uniform(40, 70)) + 6 * np.cos(yy / rng.uniform(40, 70))
    r = np.sqrt(((xx - cx) * rng.uniform(0.8, 1.2)) ** 2 + ((yy - cy) * 1.3) ** 2) + warp
    ridges = 0.5 + 0.5 * np.sin(2 * np.pi * r / rng.uniform(8.5, 10.5))
    image = 255 - (ridges * 170).astype(np.float32)
    inside = ((xx - WIDTH / 2) / (WIDTH * 0.42)) ** 2 + ((yy - HEIGHT * 0.55) / (HEIGHT * 0.5)) ** 2 <= 1
    return np.where(inside, image, 245).astype(np.uint8)
