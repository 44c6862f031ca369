"""Synthetic fingerprints: as many distinct fingers as load tests need, in the spirit of SFinGe.

A master finger is grown in three steps (Cappelli, Maio, Maltoni, "Synthetic fingerprint-image generation",
ICPR 2000):
1. an orientation field from the singular points of its pattern class: the zero-pole model (Sherlock and
   Monro 1993) sums half the angle towards each core and minus half the angle towards each delta; arches
   have no singular point and get a bent field instead. A smooth random perturbation makes every finger's
   flow its own;
2. a ridge period map around 9 px (about 0.46 mm, the mean inter-ridge distance of adult fingers at 500 ppi),
   varying smoothly across the pad;
3. ridges grown from a few random seeds by iterated Gabor filtering along that field: each pass keeps, per
   pixel, the response of the filter tuned to the local orientation and period. The seeds decide where
   ridges end and fork, so two seeds give two sets of minutiae: two different persons for Bozorth3.

Rendering an impression of a master adds the finger pad outline, ink-like ridge darkness, a small elastic
shift and sensor noise; `impressions.py` then applies controlled defects (pressure, dryness...). Masters are
cached per (seed, finger) because growing one is the slow part.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

WIDTH, HEIGHT = 300, 400  # 15 × 20 mm at 500 ppi: a flat single-finger platen
PATTERNS = ("left_loop", "right_loop", "whorl", "arch")
# Share of each class in the population (Henry classes as reported by Maltoni et al., Handbook of
# Fingerprint Recognition, 2nd ed., §4.5.1: loops ~65 %, whorls ~28 %, arches ~7 %).
PATTERN_WEIGHTS = (0.335, 0.315, 0.28, 0.07)

_BINS = 16  # orientation bins of the Gabor bank (11.25° apart, interpolated between neighbours)
_PERIODS = (8.0, 10.5)  # the two tuned periods (px); a pixel's period is blended between them
_KERNEL = 15  # px, about 1.5 ridge periods: enough support for a clean ridge, short enough to bend
_ITERATIONS = 9
_SEEDS = 250  # random starting dots: fewer seeds give longer ridges and fewer minutiae


@dataclass(frozen=True, eq=False)
class MasterFinger:
    """One synthetic finger, before any impression: ridge field in [-1, 1] (1 = ridge) and its pattern."""

    ridges: np.ndarray
    pattern: str
    seed: int
    finger: int


def _rng(seed: int, finger: int, salt: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(f"{seed}/{finger}/{salt}".encode()))


def _smooth_noise(rng: np.random.Generator, h: int, w: int, cell: int) -> np.ndarray:
    """Noise in [-1, 1] with features about `cell` pixels wide (bicubic upsampling of a coarse grid)."""
    coarse = rng.uniform(-1, 1, (h // cell + 2, w // cell + 2)).astype(np.float32)
    big = cv2.resize(coarse, ((w // cell + 2) * cell, (h // cell + 2) * cell), interpolation=cv2.INTER_CUBIC)
    return np.clip(big[:h, :w], -1, 1)


def orientation_field(pattern: str, rng: np.random.Generator, h: int = HEIGHT, w: int = WIDTH) -> np.ndarray:
    """Ridge direction (radians, modulo π) at every pixel for a pattern class."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if pattern == "arch":
        # Ridges run across the finger and bow upwards in the middle, more so near the tip.
        cx, spread = w * rng.uniform(0.4, 0.6), w * rng.uniform(0.25, 0.35)
        height = rng.uniform(70, 110) * np.clip(1.15 - yy / h, 0.15, 1.0)
        slope = -height * 2 * (xx - cx) / spread**2 * np.exp(-(((xx - cx) / spread) ** 2))
        theta = np.arctan(slope)
    else:
        cores, deltas = _singular_points(pattern, rng, h, w)
        theta = np.zeros((h, w), np.float32)
        for x, y in cores:
            theta += 0.5 * np.arctan2(yy - y, xx - x)
        for x, y in deltas:
            theta -= 0.5 * np.arctan2(yy - y, xx - x)
    return (theta + 0.12 * _smooth_noise(rng, h, w, 60)).astype(np.float32)


def _singular_points(pattern: str, rng: np.random.Generator, h: int, w: int) -> tuple[list, list]:
    cx, cy = w * rng.uniform(0.42, 0.58), h * rng.uniform(0.36, 0.46)
    if pattern == "whorl":
        dx, dy = rng.uniform(4, 12), h * rng.uniform(0.02, 0.06)
        cores = [(cx - dx, cy - dy), (cx + dx, cy + dy)]
        deltas = [(cx - w * rng.uniform(0.38, 0.46), cy + h * rng.uniform(0.3, 0.38)),
                  (cx + w * rng.uniform(0.38, 0.46), cy + h * rng.uniform(0.3, 0.38))]
        return cores, deltas
    side = -1.0 if pattern == "left_loop" else 1.0
    return [(cx, cy)], [(cx + side * w * rng.uniform(0.3, 0.4), cy + h * rng.uniform(0.3, 0.4))]


def period_map(rng: np.random.Generator, h: int = HEIGHT, w: int = WIDTH) -> np.ndarray:
    """Ridge period (px) per pixel, 8.5–10.5 px: 0.42–0.53 mm, the adult range at 500 ppi."""
    base = rng.uniform(9.0, 10.0)
    return (base + 0.8 * _smooth_noise(rng, h, w, 120)).astype(np.float32)


@lru_cache(maxsize=2)
def _bank(kernel: int) -> np.ndarray:
    """Gabor kernels [period][bin]: zero-mean, so flat areas give no response."""
    bank = np.empty((len(_PERIODS), _BINS, kernel, kernel), np.float32)
    for p, period in enumerate(_PERIODS):
        for b in range(_BINS):
            # OpenCV's theta is the wave's direction: across the ridges, a quarter turn from them.
            k = cv2.getGaborKernel((kernel, kernel), 0.45 * period, np.pi * b / _BINS + np.pi / 2, period, 1.0, 0)
            bank[p, b] = k - k.mean()
    return bank


def grow_ridges(theta: np.ndarray, period: np.ndarray, rng: np.random.Generator,
                iterations: int = _ITERATIONS) -> np.ndarray:
    """Ridges in [-1, 1] following `theta` at `period`, grown from random dots by iterated Gabor filtering."""
    h, w = theta.shape
    img = np.zeros((h, w), np.float32)
    ys, xs = rng.integers(0, h, _SEEDS), rng.integers(0, w, _SEEDS)
    img[ys, xs] = rng.choice(np.array([-1.0, 1.0], np.float32), _SEEDS)
    pos = np.mod(theta, np.pi) / np.pi * _BINS
    lo = np.floor(pos).astype(np.int64) % _BINS
    hi = (lo + 1) % _BINS
    wb = (pos - np.floor(pos)).astype(np.float32)
    wp = np.clip((period - _PERIODS[0]) / (_PERIODS[1] - _PERIODS[0]), 0, 1).astype(np.float32)
    # Weight of each (period, bin) filter per pixel: bilinear between neighbouring bins and the two periods.
    weights = np.zeros((len(_PERIODS), _BINS, h, w), np.float32)
    rows, cols = np.mgrid[0:h, 0:w]
    for p, wpp in ((0, 1 - wp), (1, wp)):
        weights[p, lo, rows, cols] += wpp * (1 - wb)
        weights[p, hi, rows, cols] += wpp * wb
    bank = _bank(_KERNEL)
    used = [(p, b) for p in range(len(_PERIODS)) for b in range(_BINS) if weights[p, b].any()]
    for _ in range(iterations):
        out = np.zeros((h, w), np.float32)
        for p, b in used:
            out += weights[p, b] * cv2.filter2D(img, cv2.CV_32F, bank[p, b], borderType=cv2.BORDER_REFLECT)
        img = np.clip(out * (9.0 / (np.abs(out).max() + 1e-6)), -1, 1)
    return img


def choose_pattern(rng: np.random.Generator) -> str:
    return str(rng.choice(PATTERNS, p=PATTERN_WEIGHTS))


@lru_cache(maxsize=64)
def master_finger(seed: int, finger: int) -> MasterFinger:
    """The synthetic finger `finger` (ISO position 1–10) of person `seed`: deterministic, cached."""
    rng = _rng(seed, finger, "master")
    pattern = choose_pattern(rng)
    theta = orientation_field(pattern, rng)
    ridges = grow_ridges(theta, period_map(rng), rng)
    ridges.setflags(write=False)
    return MasterFinger(ridges=ridges, pattern=pattern, seed=seed, finger=finger)


def pad_mask(rng: np.random.Generator, h: int = HEIGHT, w: int = WIDTH) -> np.ndarray:
    """Where the finger touches the glass: a soft-edged rounded pad, its tip near the top of the image."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w * rng.uniform(0.47, 0.53), h * rng.uniform(0.5, 0.56)
    rx, ry = w * rng.uniform(0.38, 0.44), h * rng.uniform(0.44, 0.5)
    d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    return np.clip((1.0 - d) / 0.12, 0, 1).astype(np.float32)


def render(master: MasterFinger, impression: int = 0, size: tuple[int, int] | None = None) -> np.ndarray:
    """A plain impression of `master` as the scanner sees it: uint8, dark ridges on a light platen.

    `impression` varies what changes between two touches of the same finger: where the pad lands (a shift
    of a few pixels and a small turn), a slight elastic stretch, the contact outline and the noise.
    `size` (width, height) centres the print in a larger scanner frame.
    """
    rng = _rng(master.seed, master.finger, f"impression/{impression}")
    h, w = master.ridges.shape
    ridges = master.ridges
    if impression:
        angle, shift = rng.uniform(-6, 6), rng.uniform(-10, 10, 2)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0 + rng.uniform(-0.02, 0.02))
        m[:, 2] += shift
        # Elastic skin: each part of the pad slides by up to 2.5 px on its own.
        gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        fx, fy = (2.5 * _smooth_noise(rng, h, w, 80) for _ in range(2))
        ridges = cv2.remap(ridges, gx + fx, gy + fy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        ridges = cv2.warpAffine(ridges, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    contact = pad_mask(rng, h, w)
    # Ink: a soft threshold of the ridge field, so ridges are about as wide as valleys (normal pressure).
    ink = 1.0 / (1.0 + np.exp(-4.0 * (ridges + 0.05)))
    ink *= contact * (0.9 + 0.1 * _smooth_noise(rng, h, w, 25))
    grey = 248.0 - 200.0 * ink + rng.normal(0, 4.0, (h, w))
    grey = cv2.GaussianBlur(grey.astype(np.float32), (3, 3), 0.6)
    image = np.clip(grey, 0, 255).astype(np.uint8)
    if size is not None and size != (w, h):
        image = fit(image, size)
    return image


def fit(image: np.ndarray, size: tuple[int, int], background: int = 248) -> np.ndarray:
    """Centre `image` in a frame of `size` (width, height), cropping what does not fit."""
    fw, fh = size
    h, w = image.shape
    frame = np.full((fh, fw), background, np.uint8)
    sy, sx = max(0, (h - fh) // 2), max(0, (w - fw) // 2)
    dy, dx = max(0, (fh - h) // 2), max(0, (fw - w) // 2)
    ch, cw = min(h, fh), min(w, fw)
    frame[dy:dy + ch, dx:dx + cw] = image[sy:sy + ch, sx:sx + cw]
    return frame


def synthetic_print(seed: int, finger: int, impression: int = 0,
                    size: tuple[int, int] | None = None) -> np.ndarray:
    """Impression `impression` of synthetic finger `finger` of person `seed` (uint8, 500 ppi)."""
    return render(master_finger(seed, finger), impression, size)
