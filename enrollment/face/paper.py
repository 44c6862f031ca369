"""Paper photo on the document scanner: find the print on the page, straighten it, crop it.

The page is white and the print is not (ID-photo backdrops are light blue or grey, never white): everything
clearly darker than the page is the print. Its outline's minimum-area rectangle gives the skew; the crop is
turned upright (portrait), and of the two upright readings the one where a face is found is kept.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .detection import Mode, detect_faces

# A print is at least this share of the page (a 35 × 45 mm photo is ~1.5 % of an A4 page).
MIN_AREA_SHARE = 0.005
# Grey levels below the page's white by more than this belong to the print.
PAGE_MARGIN = 18
# Printed photo proportions 35:45 (0.78); accept crooked trims and other formats (old 4:5 prints).
MIN_ASPECT, MAX_ASPECT = 0.6, 0.95


def find_print(page_bgr: np.ndarray) -> np.ndarray:
    """The four corners of the print (float32, 4 × 2) in page pixels."""
    grey = cv2.cvtColor(page_bgr, cv2.COLOR_BGR2GRAY) if page_bgr.ndim == 3 else page_bgr
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    white = float(np.percentile(grey, 90))
    mask = (grey < white - PAGE_MARGIN).astype(np.uint8) * 255
    # Close the gaps a light backdrop leaves in the mask, so the whole print is one blob.
    k = max(5, int(min(grey.shape) * 0.02) | 1)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    page_area = grey.shape[0] * grey.shape[1]
    best = None
    for cnt in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        rect = cv2.minAreaRect(cnt)
        (w, h) = rect[1]
        if min(w, h) == 0 or w * h < MIN_AREA_SHARE * page_area:
            continue
        if MIN_ASPECT <= min(w, h) / max(w, h) <= MAX_ASPECT:
            best = rect
            break
    if best is None:
        raise EnrollmentError("photo.paper_not_found", message("photo.paper_not_found"))
    return cv2.boxPoints(best).astype(np.float32)


def _upright(page: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Warp the print to a portrait rectangle (one of the two portrait readings)."""
    pts = corners[np.argsort(corners[:, 1])]  # top two, then bottom two
    top = pts[:2][np.argsort(pts[:2, 0])]
    bottom = pts[2:][np.argsort(pts[2:, 0])]
    tl, tr, bl, br = top[0], top[1], bottom[0], bottom[1]
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    src = np.array([tl, tr, br, bl], dtype=np.float32)
    if w > h:  # the print lies on its side: start the reading from another corner
        src = np.array([bl, tl, tr, br], dtype=np.float32)
        w, h = h, w
    dst = np.array([(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)], dtype=np.float32)
    # Trim two pixels: the print's cut edge and the page's shadow along it.
    out = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, dst), (w, h), flags=cv2.INTER_CUBIC)
    return out[2:-2, 2:-2]


def extract_paper_photo(page_bgr: np.ndarray) -> np.ndarray:
    """The print, upright and deskewed, ready for the same checks as any photo."""
    crop = _upright(page_bgr, find_print(page_bgr))
    if detect_faces(crop, Mode.PREVIEW):
        return crop
    flipped = cv2.rotate(crop, cv2.ROTATE_180)
    return flipped if detect_faces(flipped, Mode.PREVIEW) else crop
