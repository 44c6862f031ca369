"""Controlled defects of a plain impression, applied to any print (real FVC2002 or synthetic).

Each effect imitates what agents see at the counter: a finger pressed too lightly (thin, broken, pale
ridges) or too hard (wide ridges, valleys filled), dry skin (ridges break into dots), wet skin (ridges
merge into blots), a finger that slid (smudge), only part of the pad touching, a turned or off-centre
finger. They act on "ink" (how dark a pixel is against the light platen), so they work the same on images of
any sensor.
"""

from __future__ import annotations

import zlib
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

import cv2
import numpy as np

Pressure = Literal["light", "normal", "heavy"]
PRESSURES: tuple[str, ...] = ("light", "normal", "heavy")


@dataclass(frozen=True)
class Impression:
    """How the applicant puts the finger down. The default is a good, centred, normal impression."""

    pressure: Pressure = "normal"
    dry: bool = False
    wet: bool = False
    smudge: bool = False
    partial: float = 1.0  # share of the pad touching the glass (1 = all of it), from the bottom up
    rotation_deg: float = 0.0  # counter-clockwise
    dx: int = 0  # displacement in pixels (right, down)
    dy: int = 0
    take: int = 0  # which impression of the finger: 0 = its best one, 1..8 = the data set's n-th

    @property
    def is_clean(self) -> bool:
        return self == Impression(take=self.take)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Impression:
        """Build from control-op arguments; unknown keys or bad values raise ValueError."""
        known = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"unknown impression settings: {sorted(unknown)}")
        clean: dict[str, Any] = {}
        for name, value in values.items():
            kind = known[name].type
            if name == "pressure":
                if value not in PRESSURES:
                    raise ValueError(f"pressure must be one of {PRESSURES}")
                clean[name] = value
            elif kind == "bool":
                clean[name] = bool(value)
            elif kind == "int":
                clean[name] = int(value)
            else:
                clean[name] = float(value)
        if not 0.1 <= clean.get("partial", 1.0) <= 1.0:
            raise ValueError("partial must be between 0.1 and 1")
        if not 0 <= clean.get("take", 0) <= 8:
            raise ValueError("take must be between 0 and 8")
        return cls(**clean)


def background_level(image: np.ndarray) -> float:
    """The platen's grey level: the light end of the histogram."""
    return float(max(np.percentile(image, 99), 1.0))


def apply(image: np.ndarray, impression: Impression) -> np.ndarray:
    """`image` as this impression would have left it (uint8, same size). Deterministic for a given input."""
    if impression.is_clean:
        return image
    rng = np.random.default_rng(zlib.crc32(repr(impression).encode()) ^ int(image[::7, ::7].sum()))
    bg = background_level(image)
    ink = np.clip((bg - image.astype(np.float32)) / bg, 0, 1)
    contact = (ink > 0.08).astype(np.uint8)
    contact = cv2.morphologyEx(contact, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8)).astype(np.float32)
    if impression.pressure == "light":
        # Little skin touches: ridges thin out, pale, and break where they were weakest.
        ink = cv2.dilate(1 - ink, np.ones((3, 3), np.uint8))
        ink = np.clip((1 - ink) * 0.55 - 0.05, 0, 1)
        ink *= cv2.erode(contact, np.ones((31, 31), np.uint8))
    elif impression.pressure == "heavy":
        # The pad flattens: ridges widen and the valleys between them fill.
        ink = np.clip(cv2.erode(1 - ink, np.ones((5, 5), np.uint8)), 0, 1)
        ink = np.clip((1 - ink) * 1.15 + 0.1 * contact, 0, 1)
    if impression.dry:
        # Dry skin leaves ridges as dotted lines: fine blotches of no contact.
        blotches = cv2.GaussianBlur(rng.uniform(0, 1, ink.shape).astype(np.float32), (0, 0), 2.0)
        ink *= (blotches > np.percentile(blotches, 55)).astype(np.float32)
        ink *= 0.75
    if impression.wet:
        # Moisture bridges the valleys: ridges merge into dark patches.
        ink = np.clip(cv2.GaussianBlur(ink, (0, 0), 2.2) * 1.6, 0, 1)
    if impression.smudge:
        # The finger slid while the image was taken: a motion blur along one direction.
        length = 15
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1.0 / length
        turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), float(rng.uniform(20, 70)), 1.0)
        ink = cv2.filter2D(ink, -1, cv2.warpAffine(kernel, turn, (length, length)))
    if impression.partial < 1.0:
        ink *= _partial_mask(contact, impression.partial)
    out = bg - ink * bg
    if impression.rotation_deg or impression.dx or impression.dy:
        h, w = image.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), impression.rotation_deg, 1.0)
        m[:, 2] += (impression.dx, impression.dy)
        out = cv2.warpAffine(out, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=bg)
    return np.clip(out, 0, 255).astype(np.uint8)


def _partial_mask(contact: np.ndarray, share: float) -> np.ndarray:
    """Keep the lowest `share` of the pad's height: a finger tip lifted off the glass."""
    rows = np.flatnonzero(contact.any(axis=1))
    mask = np.ones_like(contact)
    if rows.size:
        top, bottom = rows[0], rows[-1]
        cut = int(bottom - share * (bottom - top))
        mask[:max(cut, 0)] = 0.0
    return mask
