"""The applicant's signature: rendered from the pen's time series for the title's signature zone."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from ..errors import EnrollmentError

# Rendered at 4:1 width:height, the proportions of the CNIe signature zone; 600 × 150 pixels.
RENDER_WIDTH_PX = 600
RENDER_HEIGHT_PX = 150
MARGIN_PX = 8

PenSample = tuple[int, int, int]  # x, y, pressure (0 = pen up)


def render_signature(samples: Sequence[PenSample], pad_width: int, pad_height: int, max_pressure: int) -> bytes:
    """Black ink on white, scaled to fit the zone; stroke width follows pressure. Returns PNG bytes."""
    strokes: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    for x, y, p in samples:
        if p > 0:
            current.append((x, y, p))
        elif current:
            strokes.append(current)
            current = []
    if current:
        strokes.append(current)
    if not strokes:
        raise EnrollmentError("signature.empty", "Aucun tracé n'a été reçu de la tablette : faites signer à nouveau.")
    pts = np.array([(x, y) for s in strokes for x, y, _ in s], dtype=np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1.0)
    scale = min((RENDER_WIDTH_PX - 2 * MARGIN_PX) / span[0], (RENDER_HEIGHT_PX - 2 * MARGIN_PX) / span[1])
    offset = (np.array([RENDER_WIDTH_PX, RENDER_HEIGHT_PX]) - span * scale) / 2
    canvas = np.full((RENDER_HEIGHT_PX, RENDER_WIDTH_PX), 255, np.uint8)
    for stroke in strokes:
        for (x0, y0, p0), (x1, y1, _) in zip(stroke, stroke[1:], strict=False):
            a = ((np.array([x0, y0]) - lo) * scale + offset).round().astype(int)
            b = ((np.array([x1, y1]) - lo) * scale + offset).round().astype(int)
            thickness = 1 + int(round(2 * p0 / max(max_pressure, 1)))
            cv2.line(canvas, tuple(a), tuple(b), 0, thickness, cv2.LINE_AA)
    ok, png = cv2.imencode(".png", canvas)
    if not ok:
        raise EnrollmentError("signature.encode", "La signature n'a pas pu être enregistrée : recommencez.")
    return png.tobytes()
