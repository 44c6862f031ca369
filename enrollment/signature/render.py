"""The applicant's signature rendered for the title's signature zone.

Size: the domain reference and the seeds give no dimension for the zone, so we keep 600 × 150 pixels at
300 dpi (50.8 × 12.7 mm, 4:1): the proportions of the signature box of the CNIe and passport data pages,
large enough that the title printer only ever scales down. The ink is fitted (aspect kept) and centred;
stroke width follows the pen's pressure, as a ballpoint's line does (0.15–0.4 mm).
"""

from __future__ import annotations

from ..errors import EnrollmentError
from ..strings import message
from .series import SignatureSeries

RENDER_WIDTH_PX = 600
RENDER_HEIGHT_PX = 150
RENDER_DPI = 300
MARGIN_PX = 8
MIN_STROKE_PX, MAX_STROKE_PX = 2, 5  # 0.17–0.42 mm at 300 dpi


def render_signature(series: SignatureSeries) -> bytes:
    """Black ink on white, 8-bit grey PNG of RENDER_WIDTH_PX × RENDER_HEIGHT_PX."""
    import cv2  # on the worker that renders: the dossier model imports this module at start-up
    import numpy as np

    strokes = series.strokes()
    if not strokes:
        raise EnrollmentError("signature.empty", message("signature.empty"))
    ink = series.ink_points()
    lo, hi = ink.min(axis=0), ink.max(axis=0)
    span = np.maximum(hi - lo, 1.0)
    scale = min((RENDER_WIDTH_PX - 2 * MARGIN_PX) / span[0], (RENDER_HEIGHT_PX - 2 * MARGIN_PX) / span[1])
    offset = (np.array([RENDER_WIDTH_PX, RENDER_HEIGHT_PX]) - span * scale) / 2
    canvas = np.full((RENDER_HEIGHT_PX, RENDER_WIDTH_PX), 255, np.uint8)
    for stroke in strokes:
        xy = np.round((stroke[:, :2] - lo) * scale + offset).astype(np.int32)
        widths = np.round(MIN_STROKE_PX + (MAX_STROKE_PX - MIN_STROKE_PX)
                          * stroke[:, 2] / max(series.max_pressure, 1)).astype(int)
        if len(xy) == 1:
            cv2.circle(canvas, tuple(int(v) for v in xy[0]), max(1, widths[0] // 2), 0, -1, cv2.LINE_AA)
        for (a, b), w in zip(zip(xy[:-1], xy[1:], strict=True), widths[:-1], strict=True):
            cv2.line(canvas, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), 0, int(w), cv2.LINE_AA)
    ok, png = cv2.imencode(".png", canvas)
    if not ok:
        raise EnrollmentError("signature.encode", message("signature.encode"))
    return png.tobytes()
