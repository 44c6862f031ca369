"""What the scanner's sensor sees: the paper laid on the glass (or pulled through the feeder), at the
resolution the job asks, slightly crooked, on the lid's grey (the feeder's darker backing plate), cut to
the region the job asks for. The station must find the paper in it, straighten it and crop it.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

LID = 214  # the flatbed lid's underside as the sensor sees it: a light grey, not the paper's white
FEEDER_BACKING = 70  # feeders scan against a dark plate so that the paper's edges show
GLASS_SKEW_DEG = 0.6  # paper laid by hand against the corner guide
FEEDER_SKEW_DEG = -0.5  # paper pulled in slightly askew
OFFSET_IN = (0.1, 0.1)  # the paper's corner from the glass's corner, in inches


def on_glass(paper: np.ndarray, paper_dpi: int, job: dict[str, Any], *, feeder: bool) -> np.ndarray:
    dpi = int(job["dpi"])
    scale = dpi / paper_dpi
    if scale != 1.0:
        paper = cv2.resize(paper, None, fx=scale, fy=scale,
                           interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    width, height = (round(int(job[k]) * dpi / 300) for k in ("width", "height"))
    x0, y0 = (round(int(job[k]) * dpi / 300) for k in ("x", "y"))
    background = FEEDER_BACKING if feeder else LID
    canvas_w, canvas_h = x0 + width, y0 + height
    h, w = paper.shape[:2]
    angle = FEEDER_SKEW_DEG if feeder else GLASS_SKEW_DEG
    ox, oy = OFFSET_IN[0] * dpi, OFFSET_IN[1] * dpi
    if feeder:  # the feeder's guides centre the paper across
        ox = max(0.0, (canvas_w - w) / 2)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[0, 2] += ox
    matrix[1, 2] += oy
    canvas = cv2.warpAffine(paper, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=(background,) * 3)
    image = canvas[y0:y0 + height, x0:x0 + width]
    if job.get("colour") == "Grayscale8":
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return image
