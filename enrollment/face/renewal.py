"""Renewal: is the new photo the same person as the previous title's photo?

The previous photo comes from the old title on the document scanner (or an image file). Both faces are
turned into face_recognition's 128-d encodings; a distance above the threshold (0.6, the library's documented
tolerance) is a *likely mismatch*: a warning for the agent, who checks the applicant's identity, never a
refusal (people age, titles are 10 years old).
"""

from __future__ import annotations

import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .detection import Mode, detect_faces, face_encoding
from .model import RenewalComparison
from .thresholds import DEFAULT_THRESHOLDS, FaceThresholds


def encoding_of(image_bgr: np.ndarray) -> np.ndarray | None:
    """The encoding of the largest face in `image_bgr`, or None without a face."""
    faces = detect_faces(image_bgr, Mode.FULL)
    return face_encoding(image_bgr, faces[0]) if faces else None


def compare(new_bgr: np.ndarray, previous_bgr: np.ndarray, reference_source: str = "scan",
            t: FaceThresholds = DEFAULT_THRESHOLDS) -> RenewalComparison:
    new, old = encoding_of(new_bgr), encoding_of(previous_bgr)
    if new is None:
        raise EnrollmentError("photo.no_face", message("face.check.face_found"))
    if old is None:
        raise EnrollmentError("photo.renewal_no_face", message("photo.renewal_no_face"))
    distance = float(np.linalg.norm(new - old))
    return RenewalComparison(distance=round(distance, 4), max_distance=t.renewal_max_distance,
                             reference_source=reference_source)


def verdict(comparison: RenewalComparison) -> str:
    """The French line the agent reads."""
    if comparison.likely_mismatch:
        return message("face.renewal.mismatch", distance=comparison.distance, limit=comparison.max_distance)
    return message("face.renewal.match", distance=comparison.distance)
