"""The one door to NIST NBIS and NFIQ 2 (nbis-py): minutiae, quality, ISO templates, Bozorth3.

An extractor takes about 0.3 s to build (it loads the NFIQ 2 model), so one of each kind is built lazily and
reused. NBIS keeps C globals, so calls are serialised by a lock; the station runs them on one worker thread
anyway. nbis errors are turned into EnrollmentError here and nowhere else."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import nbis
import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .iso19794_2 import is_conformant, to_nbis
from .thresholds import THRESHOLDS

_lock = threading.Lock()
_extractors: dict[bool, nbis.NbisExtractor] = {}


def _extractor(with_nfiq2: bool) -> nbis.NbisExtractor:
    if with_nfiq2 not in _extractors:
        settings = nbis.NbisExtractorSettings(
            min_quality=0.0, get_center=True, check_fingerprint=False, compute_nfiq2=with_nfiq2,
            ppi=float(THRESHOLDS.nfiq2_ppi),
        )
        _extractors[with_nfiq2] = nbis.new_nbis_extractor(settings)
    return _extractors[with_nfiq2]


def warm_up() -> None:
    """Build the extractors ahead of the first finger (the capture screen calls it off the GUI thread)."""
    with _lock:
        _extractor(True)
        _extractor(False)


@dataclass(frozen=True)
class Extraction:
    """What NBIS yields for one image. `nfiq2` is None when NFIQ 2 could not score it."""

    minutiae: int
    template: bytes  # ISO/IEC 19794-2:2005
    nfiq2: int | None
    actionable: dict[str, float]
    centre: tuple[int, int] | None  # centre of the fingerprint area, pixels


def to_500_ppi(pixels: np.ndarray, ppi: int) -> np.ndarray:
    """NFIQ 2 and MINDTCT are calibrated at 500 ppi: resample other scanners' images (as the NIST tool does)."""
    if ppi == THRESHOLDS.nfiq2_ppi:
        return pixels
    if not THRESHOLDS.min_ppi <= ppi <= THRESHOLDS.max_ppi:
        # A zero or absurd resolution would divide by zero or resize to nothing inside OpenCV.
        raise EnrollmentError("fingerprint.bad_resolution", message(
            "fingerprint.bad_resolution", ppi=ppi, low=THRESHOLDS.min_ppi, high=THRESHOLDS.max_ppi))
    f = THRESHOLDS.nfiq2_ppi / ppi
    return cv2.resize(pixels, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)


def _encode(pixels: np.ndarray) -> bytes:
    if pixels.dtype != np.uint8 or pixels.ndim != 2 or min(pixels.shape) < 32:
        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image"))
    ok, data = cv2.imencode(".png", pixels)
    if not ok:
        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image"))
    return data.tobytes()


def extract(pixels: np.ndarray, ppi: int = 500) -> Extraction:
    """Minutiae, ISO template and NFIQ 2 of an 8-bit grey image (dark ridges on a light background)."""
    data = _encode(to_500_ppi(pixels, ppi))
    with _lock:
        try:
            found = _extractor(True).extract_minutiae(data)
            result = found.quality()
            nfiq2: int | None = int(result.score)
            actionable = {v.name: float(v.value) for v in result.actionable}
        except nbis.NbisError.Nfiq2ComputeFailed:
            # NFIQ 2 gives no score (blank, smudged or partial images): MINDTCT still yields minutiae.
            found, nfiq2, actionable = _extract_without_nfiq2(data), None, {}
        except nbis.NbisError as exc:
            raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image")) from exc
        roi = found.roi()
        return Extraction(
            minutiae=len(found.get()),
            template=bytes(found.to_iso_19794_2_2005()),
            nfiq2=nfiq2,
            actionable=actionable,
            centre=(roi.center.x, roi.center.y) if roi is not None else None,
        )


def _extract_without_nfiq2(data: bytes) -> nbis.Minutiae:
    try:
        return _extractor(False).extract_minutiae(data)
    except nbis.NbisError as exc:
        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image")) from exc


def _nbis_layout(template: bytes) -> bytes:
    # nbis-py loads only its own short layout: conformant records are narrowed, older ones pass as they are.
    return to_nbis(template) if is_conformant(template) else template


def bozorth3(template_a: bytes, template_b: bytes) -> int:
    """Bozorth3 similarity of two ISO/IEC 19794-2:2005 templates (0 = nothing in common)."""
    template_a, template_b = _nbis_layout(template_a), _nbis_layout(template_b)
    with _lock:
        try:
            a = _extractor(False).load_iso_19794_2_2005(template_a)
            b = _extractor(False).load_iso_19794_2_2005(template_b)
        except nbis.NbisError as exc:
            raise EnrollmentError("fingerprint.bad_template", message("fingerprint.bad_template")) from exc
        return int(a.compare(b))


def template_minutiae(template: bytes) -> int:
    """Number of minutiae an ISO template holds (its round trip is checked with this)."""
    template = _nbis_layout(template)
    with _lock:
        try:
            return len(_extractor(False).load_iso_19794_2_2005(template).get())
        except nbis.NbisError as exc:
            raise EnrollmentError("fingerprint.bad_template", message("fingerprint.bad_template")) from exc
