"""The face image kept in the dossier: a 35 × 45 mm portrait at the print resolution.

For now the crop is centred on the frame; the face-quality issue replaces it with a crop placed from the
eye landmarks (ICAO token image) and its checks."""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import EnrollmentError
from .model import FacePhoto

# 35 × 45 mm at 300 dpi (ISO/IEC 19794-5 print resolution): 413 × 531 pixels.
PHOTO_WIDTH_PX = 413
PHOTO_HEIGHT_PX = 531
JPEG_QUALITY = 90


def portrait_crop(image: np.ndarray) -> np.ndarray:
    """The largest 35:45 region centred in the frame."""
    h, w = image.shape[:2]
    target = PHOTO_WIDTH_PX / PHOTO_HEIGHT_PX
    if w / h > target:
        cw, ch = int(round(h * target)), h
    else:
        cw, ch = w, int(round(w / target))
    x0, y0 = (w - cw) // 2, (h - ch) // 2
    return image[y0 : y0 + ch, x0 : x0 + cw]


def face_photo_from_frame(frame: np.ndarray, source: str) -> FacePhoto:
    if frame.ndim != 3 or frame.shape[2] != 3 or frame.shape[0] < 100 or frame.shape[1] < 100:
        raise EnrollmentError("photo.unreadable", "L'image reçue de la caméra est inutilisable : reprenez la photo.")
    crop = cv2.resize(portrait_crop(frame), (PHOTO_WIDTH_PX, PHOTO_HEIGHT_PX), interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise EnrollmentError("photo.encode", "La photo n'a pas pu être enregistrée : reprenez-la.")
    return FacePhoto(jpeg=jpeg.tobytes(), width=PHOTO_WIDTH_PX, height=PHOTO_HEIGHT_PX, source=source)
