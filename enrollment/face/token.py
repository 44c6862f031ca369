"""The face image kept in the dossier: the framed 35 × 45 mm portrait, JPEG under the chip's size limit.

The frame comes from the quality analysis (placed from the eyes, see geometry.py); this module encodes it and
gathers the metadata: source, capture time, every check's verdict, the agent's override if any.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .detection import Mode
from .model import FacePhoto, Override, OverrideReason, PhotoSource
from .quality import FaceReport, analyse
from .thresholds import DEFAULT_THRESHOLDS, FaceThresholds

_QUALITY_STEP = 6


def encode_jpeg(frame: np.ndarray, t: FaceThresholds = DEFAULT_THRESHOLDS) -> tuple[bytes, int]:
    """The best JPEG quality that fits `max_jpeg_bytes`, and that quality."""
    quality = t.jpeg_quality_start
    while quality >= t.jpeg_quality_floor:
        ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality,
                                                cv2.IMWRITE_JPEG_OPTIMIZE, 1])
        if not ok:
            raise EnrollmentError("photo.encode", message("photo.encode"))
        if data.size <= t.max_jpeg_bytes:
            return data.tobytes(), quality
        quality -= _QUALITY_STEP
    raise EnrollmentError("photo.too_large", message("photo.too_large"))


def face_photo(report: FaceReport, source: PhotoSource | str, t: FaceThresholds = DEFAULT_THRESHOLDS) -> FacePhoto:
    """The dossier's photo from an analysed image (whatever its verdict: the checks travel with it)."""
    if report.frame is None:
        raise EnrollmentError("photo.no_face", message("face.check.face_found"))
    jpeg, quality = encode_jpeg(report.frame, t)
    width, height = report.frame.shape[1], report.frame.shape[0]
    return FacePhoto(jpeg=jpeg, width=width, height=height, source=str(source), checks=list(report.checks),
                     dpi=t.token_dpi, jpeg_quality=quality)


def face_photo_from_frame(frame: np.ndarray, source: PhotoSource | str,
                          t: FaceThresholds = DEFAULT_THRESHOLDS) -> FacePhoto:
    """Full check of one image, then its framed photo."""
    return face_photo(analyse(frame, Mode.FULL, t), source, t)


def with_override(photo: FacePhoto, reason: OverrideReason | str, note: str, agent_id: str) -> FacePhoto:
    """The agent accepts `photo` despite its failing checks. A reason is mandatory, "other" needs words."""
    try:
        reason = OverrideReason(reason)
    except ValueError as exc:
        raise EnrollmentError("photo.override_reason", message("photo.override_reason")) from exc
    if reason is OverrideReason.OTHER and not note.strip():
        raise EnrollmentError("photo.override_note", message("photo.override_note"))
    override = Override(checks=photo.failing, reason=reason, note=note.strip(), agent_id=agent_id)
    return photo.model_copy(update={"override": override})
