"""Real development prints (read in place from ../shared/data/fingers, never copied) and the degraded
impressions the tests apply to them with OpenCV: what a counter sees with a light, dry, wet or misplaced
finger."""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pytest

FINGERS = Path(__file__).resolve().parents[4] / "shared" / "data" / "fingers"

needs_fingers = pytest.mark.skipif(not FINGERS.is_dir(), reason="developer fingerprint set not found")


def load(name: str) -> np.ndarray:
    """An 8-bit grey 500 ppi print by file stem, e.g. "fvc2002db1b_104_1"."""
    pixels = cv2.imread(str(FINGERS / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
    assert pixels is not None, name
    return pixels


def reference_scores() -> dict[str, int]:
    """NFIQ 2 v2.3.0 reference tool scores, by file name (SOURCES.md)."""
    with (FINGERS / "nfiq2_scores.csv").open(newline="") as f:
        return {row["file"]: int(row["nfiq2_score"]) for row in csv.DictReader(f) if not row["error"]}


_KERNEL = np.ones((3, 3), np.uint8)


def light(p: np.ndarray) -> np.ndarray:
    """Weak pressure: the ridges barely touch, contrast collapses towards white, sensor noise remains."""
    noise = np.random.default_rng(3).normal(0, 2.5, p.shape)
    return np.clip(p.astype(np.float32) * 0.12 + 222 + noise, 0, 255).astype(np.uint8)


def blurred(p: np.ndarray) -> np.ndarray:
    """A finger that moved during the capture."""
    return cv2.GaussianBlur(p, (0, 0), 3)


def partial(p: np.ndarray) -> np.ndarray:
    """Only the left two fifths of the finger on the glass."""
    out = np.full_like(p, 255)
    w = p.shape[1] * 2 // 5
    out[:, :w] = p[:, :w]
    return out


def dry(p: np.ndarray) -> np.ndarray:
    """Dry skin: eroded, broken ridges on a pale image."""
    thin = cv2.dilate(p, _KERNEL, iterations=2)  # dark ridges thin out
    thin[np.random.default_rng(1).random(p.shape) < 0.25] = 255
    return cv2.addWeighted(thin, 0.6, np.full_like(thin, 255), 0.4, 0)


def wet(p: np.ndarray) -> np.ndarray:
    """Wet finger: ridges spread into the valleys and the image darkens."""
    return (cv2.erode(p, _KERNEL, iterations=2).astype(np.float32) * 0.5).astype(np.uint8)


DEGRADATIONS = {"light": light, "blurred": blurred, "partial": partial, "dry": dry, "wet": wet}
