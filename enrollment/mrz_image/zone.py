"""Where the MRZ is on a scan or photo, glyph by glyph.

An MRZ line is printed in a monospaced font with no gaps: its filler `<` is ink like any letter, so each of
its 30 (TD1) or 44 (TD3) characters is one dark blob the size of a capital, a character's width from the
next. The zone is found as chains of exactly that many blobs, 2 or 3 stacked at the bottom of the title;
no other print on a title or a page forms such a chain (a space between words breaks it). The chains'
slope straightens the zone, which is then cut out and found again level, so that every glyph's box is
upright for the filler test and the OCR.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WIDTHS = {30: 3, 44: 2}  # characters per line -> lines (TD1, TD3)
MIN_HEIGHT_PX = 8  # a capital smaller than this cannot be read at all


@dataclass(frozen=True)
class Zone:
    ink: np.ndarray  # the level zone, uint8, 255 where ink
    labels: np.ndarray  # its connected components (cv2 labels)
    lines: list[list[tuple[int, int, int, int, int]]]  # per line, per glyph: label, x, y, w, h


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255: Otsu's threshold after a slight blur, which a scan's even lighting suits."""
    blurred = cv2.GaussianBlur(grey, (3, 3), 0)
    _, ink = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _blobs(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels, and the rows [label, x, y, w, h] of the blobs that could be characters."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    rows = np.column_stack([np.arange(count), stats[:, :4]])[1:]
    w, h = rows[:, 3], rows[:, 4]
    keep = (h >= MIN_HEIGHT_PX) & (h <= ink.shape[0] // 3) & (w <= 1.6 * h) & (w * 6 >= h)
    return labels, rows[keep]


def _chains(blobs: np.ndarray) -> list[np.ndarray]:
    """Runs of blobs of a capital's height, each the next one's left neighbour at a character's pitch."""
    if len(blobs) < 2:
        return []
    cx = blobs[:, 1] + blobs[:, 3] / 2
    cy = blobs[:, 2] + blobs[:, 4] / 2
    h = blobs[:, 4].astype(float)
    dx, dy = cx[None, :] - cx[:, None], np.abs(cy[None, :] - cy[:, None])
    hmax = np.maximum(h[:, None], h[None, :])
    ratio = h[None, :] / h[:, None]
    fits = (dx > 0.3 * hmax) & (dx < 1.5 * hmax) & (dy < 0.4 * hmax) & (ratio > 0.7) & (ratio < 1.45)
    cost = np.where(fits, dx, np.inf)
    following = np.where(np.isfinite(cost.min(axis=1)), cost.argmin(axis=1), -1)
    # A blob claimed by two left neighbours keeps the nearer one.
    preceding = np.full(len(blobs), -1)
    for i in np.argsort(cost.min(axis=1)):
        j = following[i]
        if j >= 0 and preceding[j] < 0:
            preceding[j] = i
        elif j >= 0:
            following[i] = -1
    chains = []
    for head in np.nonzero(preceding < 0)[0]:
        chain, i = [head], following[head]
        while i >= 0 and len(chain) <= 60:
            chain.append(i)
            i = following[i]
        if len(chain) in WIDTHS:
            chains.append(blobs[chain])
    return chains


def _stack(chains: list[np.ndarray]) -> list[np.ndarray] | None:
    """The lowest 2 lines of 44 or 3 of 30 that sit one under the other, left-aligned."""
    chains = sorted(chains, key=lambda c: float(np.mean(c[:, 2])))
    for end in range(len(chains) - 1, -1, -1):
        width = len(chains[end])
        start = end - WIDTHS[width] + 1
        if start < 0:
            continue
        group = chains[start:end + 1]
        height = float(np.median(np.concatenate([c[:, 4] for c in group])))
        lefts = [float(c[0, 1]) for c in group]
        tops = [float(np.mean(c[:, 2])) for c in group]
        if (all(len(c) == width for c in group) and max(lefts) - min(lefts) < 2 * height
                and all(0.8 * height < b - a < 3.5 * height for a, b in zip(tops, tops[1:], strict=False))):
            return group
    return None


def _slope(lines: list[np.ndarray]) -> float:
    """The zone's slope in degrees, from the glyphs' centres (y grows downwards)."""
    slopes = [np.polyfit(c[:, 1] + c[:, 3] / 2, c[:, 2] + c[:, 4] / 2, 1)[0] for c in lines]
    return float(np.degrees(np.arctan(np.median(slopes))))


def find_zone(grey: np.ndarray) -> Zone | None:
    """The MRZ's lines as glyph boxes on the level zone, or None when the image shows none."""
    ink = binarise(grey)
    labels, blobs = _blobs(ink)
    lines = _stack(_chains(blobs))
    if lines is None:
        return None
    boxes = np.concatenate(lines)
    pad = int(np.median(boxes[:, 4]) * 1.5)
    x0, y0 = max(int(boxes[:, 1].min()) - pad, 0), max(int(boxes[:, 2].min()) - pad, 0)
    x1 = min(int((boxes[:, 1] + boxes[:, 3]).max()) + pad, grey.shape[1])
    y1 = min(int((boxes[:, 2] + boxes[:, 4]).max()) + pad, grey.shape[0])
    crop = grey[y0:y1, x0:x1]
    turn = cv2.getRotationMatrix2D((crop.shape[1] / 2, crop.shape[0] / 2), _slope(lines), 1.0)
    level = cv2.warpAffine(crop, turn, (crop.shape[1], crop.shape[0]), flags=cv2.INTER_CUBIC,
                           borderMode=cv2.BORDER_REPLICATE)
    ink = binarise(level)
    labels, blobs = _blobs(ink)
    lines = _stack(_chains(blobs))
    if lines is None:
        return None
    return Zone(ink=ink, labels=labels, lines=[[tuple(int(v) for v in row) for row in c] for c in lines])
