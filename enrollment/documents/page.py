"""A scanned page made fit to keep: the paper found on the glass, straightened, cut out, in grey, at no
more than the resolution the CERT reads (docs/package-format.md: documents at 300 dpi).

A scanner sees the whole glass: the paper laid slightly crooked on the lid's grey (or, in a feeder, on its
dark backing plate). The paper is told from the background by its brightness against the glass's border,
its four corners found, and the page warped upright onto exactly its own size. When the paper cannot be
told from the lid (a white lid, a page filling the glass), the tilt of the text lines straightens it and
nothing is cut. No OCR, no judgement of the content: the agent looks at the preview before it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_DPI = 300
MAX_SKEW_DEG = 10.0  # more than this is a page laid across the glass: straightening it would guess
_CONTRAST = 7  # grey levels between the paper and the background for the edge to count
_MIN_AREA = 0.05  # of the glass: an identity card on an A4 glass is 7 %; a smaller blob is a label, a bar
_MIN_ASPECT = 0.3  # short side / long side: documents are 0.63 (card) to 0.71 (A4); a table's bar is not one


@dataclass(frozen=True, eq=False)
class PreparedPage:
    image: np.ndarray  # uint8, H×W, grey
    dpi: int
    skew_deg: float  # the tilt removed (positive: the page was turned anticlockwise)
    cropped: bool  # the paper was found and cut out of the glass


def prepare_page(image: np.ndarray, dpi: int) -> PreparedPage:
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    corners = _paper_corners(grey)
    if corners is not None:
        page, skew = _cut_out(grey, corners)
        cropped = True
    else:
        skew = _text_skew(grey)
        page = _rotate(grey, skew) if abs(skew) > 0.05 else grey
        cropped = False
    if dpi > MAX_DPI:
        scale = MAX_DPI / dpi
        page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = MAX_DPI
    return PreparedPage(image=np.ascontiguousarray(page), dpi=dpi, skew_deg=round(skew, 2), cropped=cropped)


def _paper_corners(grey: np.ndarray) -> np.ndarray | None:
    """The paper's four corners (tl, tr, br, bl), or None when it does not stand out from the background."""
    h, w = grey.shape
    small_scale = min(1.0, 1200 / max(h, w))  # the outline needs little detail: a smaller copy
    small = cv2.resize(grey, None, fx=small_scale, fy=small_scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    border = np.concatenate([small[:3].ravel(), small[-3:].ravel(), small[:, :3].ravel(), small[:, -3:].ravel()])
    background = float(np.median(border))
    mask = (np.abs(small.astype(np.int16) - background) > _CONTRAST).astype(np.uint8) * 255
    # Only specks are removed: closing would fill the thin strip of background between the paper and the
    # glass's edge, and the paper would seem to reach it. The text inside the paper is no hole to fill:
    # only outer outlines are looked at.
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    if area < _MIN_AREA * small.size or area > 0.995 * small.size:
        return None
    rect = cv2.minAreaRect(biggest)
    (cx, cy), (rw, rh), angle = rect
    if area < 0.85 * rw * rh or min(rw, rh) < _MIN_ASPECT * max(rw, rh):
        return None  # not a document's rectangle: text or a drawing on a lid of the paper's colour
    # Two small pixels in from the outline (half a millimetre at 300 dpi): the blur spreads the background
    # onto the paper's edge, and a dark line along a page is worse than half a millimetre of margin.
    box = (cv2.boxPoints(((cx, cy), (rw - 4, rh - 4), angle)) + 0.5) / small_scale - 0.5
    return _ordered(box)


def _ordered(box: np.ndarray) -> np.ndarray:
    sums, diffs = box.sum(axis=1), np.diff(box, axis=1).ravel()
    return np.array([box[np.argmin(sums)], box[np.argmin(diffs)], box[np.argmax(sums)], box[np.argmax(diffs)]],
                    dtype=np.float32)


def _cut_out(grey: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, float]:
    tl, tr, br, bl = corners
    width = round(float((np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2))
    height = round(float((np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2))
    skew = float(np.degrees(np.arctan2(tl[1] - tr[1], tr[0] - tl[0])))
    if abs(skew) > MAX_SKEW_DEG:
        skew = 0.0  # keep the crop; the turn is the agent's to redo
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    page = cv2.warpPerspective(grey, matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    return page, skew


def _text_skew(grey: np.ndarray) -> float:
    """The median tilt of the text lines (words smeared into lines), 0 when there are too few."""
    scale = 1000 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    lines = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3)))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles = []
    for c in contours:
        (_, _), (w, h), angle = cv2.minAreaRect(c)
        if w < h:
            w, h, angle = h, w, angle - 90
        if w > 60 and w > 6 * h:
            angles.append(-angle if abs(angle) <= MAX_SKEW_DEG else None)
    kept = [a for a in angles if a is not None]
    return float(np.median(kept)) if len(kept) >= 5 else 0.0


def _rotate(grey: np.ndarray, skew: float) -> np.ndarray:
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
