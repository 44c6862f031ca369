"""A previous title's MRZ read from its scan or photo: the zone found glyph by glyph (zone.py), its fillers
told by their shape and the digits' look-alike letters set right where only a digit may stand (glyphs.py),
the rest read by Tesseract (ocr.py), then every check digit verified by `read_mrz` as for a typed MRZ. A
misread character is refused in French, never recorded as another title's number.

Device-free: it works on the pixels the station's scanner or camera already gave."""

from __future__ import annotations

import numpy as np

from ..errors import EnrollmentError
from ..request import PreviousTitle, previous_title_from_mrz
from ..strings import message
from .glyphs import digits_where_numeric, settle_zero_and_o
from .ocr import read_zone, reread_tall_letters
from .zone import find_zone

# A CNIe's number mixes letters and digits freely, and its check digits cannot tell S from 8 nor G from 6
# (equal values modulo 10). On rendered TD1 zones Tesseract swapped them 3 times in 72 readings at 150–200 dpi
# and never in 36 at 300 dpi: an identity card's zone whose digits stand lower than this (about 240 dpi) is
# refused rather than read. A passport's number (2 digits, 2 letters, 5 digits) refuses such a swap itself.
MIN_TD1_DIGIT_PX = 23


def mrz_from_image(image: np.ndarray) -> str:
    """The MRZ's lines as printed, joined by newlines, before any check digit is verified; EnrollmentError in
    French when the image shows no MRZ (`mrz.not_found`), an identity card's is too coarse to tell S from 8
    (`mrz.too_coarse`) or its characters cannot be read (`mrz.unreadable`, `mrz.ocr_missing`)."""
    import cv2

    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    zone = find_zone(grey)
    if zone is None:
        raise EnrollmentError("mrz.not_found", message("mrz.not_found"))
    if len(zone.lines) == 3 and np.percentile([g[4] for line in zone.lines for g in line], 90) < MIN_TD1_DIGIT_PX:
        raise EnrollmentError("mrz.too_coarse", message("mrz.too_coarse"))
    lines = reread_tall_letters(zone, read_zone(zone))
    lines = settle_zero_and_o(lines, [[glyph[4] for glyph in line] for line in zone.lines])
    return "\n".join(digits_where_numeric(lines))


def previous_title_from_image(image: np.ndarray) -> PreviousTitle:
    """The previous title whose MRZ the image shows, as `previous_title_from_mrz` gives it for a typed MRZ
    (from_mrz set): every check digit verified, else EnrollmentError in French."""
    return previous_title_from_mrz(mrz_from_image(image))


__all__ = ["mrz_from_image", "previous_title_from_image"]
