"""Real face photos from the shared developer set (read in place, never copied) and the controlled
degradations the tests apply to them with OpenCV."""

from __future__ import annotations

import functools
from pathlib import Path

import cv2
import numpy as np
import pytest

FACES = Path(__file__).resolve().parents[4] / "shared" / "data" / "faces"
if not FACES.is_dir():  # the repository may sit elsewhere: the documented location of the set
    FACES = Path("/work/shared/data/faces")

# Near-compliant: frontal, neutral, eyes open, plain light wall (labels.csv). Every check passes on it.
GOOD = "deepface_img30.jpg"


@functools.cache
def _read(name: str) -> np.ndarray:
    image = cv2.imread(str(FACES / name), cv2.IMREAD_COLOR)
    if image is None:
        pytest.skip(f"face set not available: {FACES / name}")
    image.setflags(write=False)
    return image


def face(name: str = GOOD) -> np.ndarray:
    """A copy of one photo of the set (BGR)."""
    return _read(name).copy()


def blurred(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma)


def rotated(image: np.ndarray, degrees: float) -> np.ndarray:
    """Rotated about the centre, corners filled from the edge (so the backdrop stays plain)."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def scaled_levels(image: np.ndarray, gain: float, pivot: float = 0.0) -> np.ndarray:
    """pivot + (pixel − pivot) × gain: darkening with pivot 0, flattening contrast around mid-grey."""
    out = pivot + (image.astype(np.float32) - pivot) * gain
    return np.clip(out, 0, 255).astype(np.uint8)


def one_sided_shadow(image: np.ndarray, x_split: int, depth: float) -> np.ndarray:
    """Darken everything right of `x_split` (a lamp on the applicant's right only), with a soft edge."""
    h, w = image.shape[:2]
    ramp = np.clip((np.arange(w) - x_split) / 40.0, 0, 1)
    gain = 1.0 - depth * ramp
    return np.clip(image.astype(np.float32) * gain[None, :, None], 0, 255).astype(np.uint8)


def side_by_side(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    h = min(a.shape[0], b.shape[0])
    a = cv2.resize(a, (round(a.shape[1] * h / a.shape[0]), h))
    b = cv2.resize(b, (round(b.shape[1] * h / b.shape[0]), h))
    return np.hstack([a, b])
