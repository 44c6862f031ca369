"""Finding faces and their 68 landmarks with dlib (through face_recognition's loaded models).

Detection (HOG) runs on a copy scaled so its long side is a fixed size: the cost no longer depends on the
camera's resolution, and small stills are enlarged so dlib's 80-px minimum face still catches them. The
landmarks are then placed on the full-resolution image, so the geometry keeps its precision. The models load
once per process (face_recognition holds them as module globals) and are shared by every call.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

_lock = threading.Lock()
_api = None


class Mode(StrEnum):
    FULL = "full"  # the captured photo: detection at higher resolution, every check
    PREVIEW = "preview"  # live guidance: cheaper detection, same checks


# Long side of the image the detector sees, per mode. 800 px finds faces down to ~10 % of the frame width;
# 480 px is enough for a head filling the counter camera's field and runs at > 30 frames/s.
DETECTION_LONG_SIDE = {Mode.FULL: 800, Mode.PREVIEW: 480}


def _models():
    """face_recognition's module (loads dlib's detector and predictors on first use, ~1 s)."""
    global _api
    with _lock:
        if _api is None:
            with warnings.catch_warnings():  # face_recognition_models imports the deprecated pkg_resources
                warnings.simplefilter("ignore")
                import face_recognition.api as api
            _api = api
    return _api


def load_models() -> None:
    """Load the models now (at start-up, off the GUI thread) rather than on the first photo."""
    _models()


@dataclass(frozen=True)
class Face:
    """One detected face in full-resolution pixel coordinates."""

    box: tuple[int, int, int, int]  # left, top, right, bottom
    landmarks: np.ndarray  # 68 × 2 float (iBUG 300-W order)

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]


def _detection_scale(shape: tuple[int, ...], mode: Mode) -> float:
    return DETECTION_LONG_SIDE[mode] / max(shape[0], shape[1])


def detect_faces(image_bgr: np.ndarray, mode: Mode = Mode.FULL) -> list[Face]:
    """Every face found, largest first."""
    api = _models()
    import dlib

    scale = _detection_scale(image_bgr.shape, mode)
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(image_bgr, None, fx=scale, fy=scale, interpolation=interpolation)
    rects = api.face_detector(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), 0)
    rgb = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB) if scale < 1 else None
    landmark_image = rgb if rgb is not None else cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
    # Landmarks on the full image when it is larger than the detector's copy, else on the enlarged copy.
    k = 1 / scale if rgb is not None else 1.0
    back = 1.0 if rgb is not None else 1 / scale
    faces = []
    for r in rects:
        rect = dlib.rectangle(int(r.left() * k), int(r.top() * k), int(r.right() * k), int(r.bottom() * k))
        shape = api.pose_predictor_68_point(landmark_image, rect)
        points = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64) * back
        box = tuple(int(round(v * back)) for v in (rect.left(), rect.top(), rect.right(), rect.bottom()))
        faces.append(Face(box=box, landmarks=points))
    faces.sort(key=lambda f: f.width, reverse=True)
    return faces


def face_encoding(image_bgr: np.ndarray, face: Face) -> np.ndarray:
    """The 128-d face_recognition descriptor of `face` (ResNet, ~80 ms): for comparing two photos."""
    api = _models()
    import dlib

    left, top, right, bottom = face.box
    rgb = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)
    shape = api.pose_predictor_68_point(rgb, dlib.rectangle(left, top, right, bottom))
    return np.array(api.face_encoder.compute_face_descriptor(rgb, shape, 1))
