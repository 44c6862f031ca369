"""Data the camera yields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class CameraInfo:
    width: int
    height: int
    fps: float


@dataclass(frozen=True, eq=False)
class Frame:
    image: np.ndarray  # uint8, H×W×3, BGR (OpenCV's order)
    timestamp: float  # seconds since the epoch, when the device took it
    # Increases by one per frame received from the device: a reader polling faster than the camera's rate
    # gets the same frame twice and can tell (the preview's analysis skips it).
    sequence: int = 0
