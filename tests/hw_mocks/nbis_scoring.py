"""NFIQ 2 and Bozorth3 through nbis-py directly, to judge the simulators' prints (the reference tools)."""

from __future__ import annotations

from functools import lru_cache

import cv2
import nbis
import numpy as np


@lru_cache(maxsize=1)
def _extractor() -> nbis.NbisExtractor:
    return nbis.new_nbis_extractor(nbis.NbisExtractorSettings(
        min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=True, ppi=500.0))


def minutiae(pixels: np.ndarray) -> nbis.Minutiae:
    ok, png = cv2.imencode(".png", pixels)
    assert ok
    return _extractor().extract_minutiae(png.tobytes())


def nfiq2(pixels: np.ndarray) -> int:
    """NFIQ 2 score 0–100; 0 when NFIQ 2 cannot score the image at all (blank, smudged)."""
    try:
        return int(minutiae(pixels).quality().score)
    except nbis.NbisError:
        return 0
