"""Where a photo comes from besides the live camera: the ePhoto service and the paper print on the scanner.

Both give a plain image that then goes through exactly the same checks as a camera frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from enrollment import face  # its image engines load on first use, after the warm-up (station/ui/engines_warmup.py)
from enrollment.face.model import FacePhoto, PhotoSource
from enrollment.face.thresholds import FaceThresholds
from sync import ephoto

from ...config import Config
from ...context import cert_client

if TYPE_CHECKING:
    import numpy as np


def fetch_ephoto(config: Config, code: str) -> bytes:
    """The JPEG the ePhoto service holds for `code` (blocking network call: run it off the GUI thread)."""
    with cert_client(config) as client:
        return ephoto.fetch_ephoto(client, code, config.cert.ephoto_code_length).jpeg


def decode(data: bytes) -> np.ndarray:
    import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        from enrollment.errors import EnrollmentError
        from enrollment.strings import message as domain_message

        raise EnrollmentError("photo.unreadable", domain_message("photo.unreadable"))
    return image


def full_check(image: np.ndarray, source: PhotoSource, t: FaceThresholds) -> tuple[face.FaceReport, FacePhoto | None]:
    """The full check of one image and, when a face was found, the dossier's photo built from it."""
    report = face.analyse(image, face.Mode.FULL, t)
    return report, (face.face_photo(report, source, t) if report.frame is not None else None)


def ephoto_check(config: Config, code: str, t: FaceThresholds) -> tuple[face.FaceReport, FacePhoto | None]:
    report, photo = full_check(decode(fetch_ephoto(config, code)), PhotoSource.EPHOTO, t)
    return report, photo.model_copy(update={"ephoto_code": code}) if photo is not None else None


def paper_check(page: np.ndarray, t: FaceThresholds) -> tuple[face.FaceReport, FacePhoto | None]:
    return full_check(face.extract_paper_photo(page), PhotoSource.SCAN, t)
