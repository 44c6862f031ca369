"""Simulated camera: a live 1280×720 stream of one applicant in front of a plain backdrop.

The applicant is a real photograph from the developer face set (frontal, single face, even light, plain
light-grey background), cropped to head and shoulders and blended onto a light blue-grey backdrop, which is
what the station's camera sees at the counter. Without the data set a drawn stand-in is used.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from hw_mocks.protocol import OpHandler, SimError, b64

WIDTH, HEIGHT, FPS = 1280, 720, 30
BACKDROP_BGR = (226, 216, 204)  # light blue-grey, like the plain backdrop an ID photo needs

# Chosen after looking at the set (labels.csv): frontal, one face, plain light background, even light,
# crown and shoulders in frame. The next ones are fallbacks if the first is missing.
FACE_CANDIDATES = ("hivision_test0.jpg", "facenet_paul_rudd_1.jpg", "deepface_img30.jpg")


class CameraSim:
    name = "camera"

    def __init__(self, data_dir: Path | None) -> None:
        self._base = compose_frame(data_dir)
        # Sensor noise, precomputed once and shifted per frame, so consecutive frames differ cheaply.
        rng = np.random.default_rng(7)
        self._noise = rng.integers(-3, 4, size=(HEIGHT, WIDTH, 3), dtype=np.int16)
        self._count = 0
        self._lock = threading.Lock()

    def ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "read_frame": self.read_frame}

    def control_ops(self) -> dict[str, OpHandler]:
        return {}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"width": WIDTH, "height": HEIGHT, "fps": FPS}

    def read_frame(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._count += 1
            shift = (self._count * 37) % HEIGHT
        noisy = self._base.astype(np.int16) + np.roll(self._noise, shift, axis=0)
        frame = np.clip(noisy, 0, 255).astype(np.uint8)
        ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
        if not ok:
            raise SimError("camera.unavailable", "JPEG encoding failed")
        return {"jpeg": b64(jpeg.tobytes()), "width": WIDTH, "height": HEIGHT, "timestamp": time.time()}


def compose_frame(data_dir: Path | None) -> np.ndarray:
    """The still scene: the chosen photo on the backdrop, or a drawn stand-in."""
    frame = np.empty((HEIGHT, WIDTH, 3), np.uint8)
    frame[:] = BACKDROP_BGR
    photo = _load_face(data_dir)
    if photo is None:
        _draw_stand_in(frame)
        return frame
    h, w = photo.shape[:2]
    # Head and shoulders: keep the top of the picture, about as tall as it is wide.
    photo = photo[: min(h, int(w * 0.85))]
    scale = HEIGHT / photo.shape[0]
    photo = cv2.resize(photo, (round(photo.shape[1] * scale), HEIGHT), interpolation=cv2.INTER_AREA)
    photo = photo[:, :WIDTH]
    pw = photo.shape[1]
    x0 = (WIDTH - pw) // 2
    # Feather the left and right edges so the photo's own backdrop melts into ours (no visible seam).
    ramp = np.ones(pw, np.float32)
    edge = min(90, pw // 4)
    ramp[:edge] = np.linspace(0.0, 1.0, edge)
    ramp[pw - edge:] = np.linspace(1.0, 0.0, edge)
    alpha = ramp[None, :, None]
    region = frame[:, x0 : x0 + pw].astype(np.float32)
    frame[:, x0 : x0 + pw] = (alpha * photo + (1 - alpha) * region).astype(np.uint8)
    return frame


def _load_face(data_dir: Path | None) -> np.ndarray | None:
    if data_dir is None:
        return None
    for name in FACE_CANDIDATES:
        image = cv2.imread(str(data_dir / "faces" / name), cv2.IMREAD_COLOR)
        if image is not None:
            return image
    return None


def _draw_stand_in(frame: np.ndarray) -> None:
    """A plain drawn bust, so the simulator works on a machine without the data set."""
    cx, cy = WIDTH // 2, HEIGHT // 2 - 40
    skin, hair, cloth = (150, 180, 225), (40, 50, 60), (90, 60, 40)
    cv2.ellipse(frame, (cx, HEIGHT + 60), (300, 230), 0, 180, 360, cloth, -1)
    cv2.rectangle(frame, (cx - 45, cy + 150), (cx + 45, cy + 230), skin, -1)
    cv2.ellipse(frame, (cx, cy - 30), (150, 175), 0, 180, 360, hair, -1)
    cv2.ellipse(frame, (cx, cy), (130, 175), 0, 0, 360, skin, -1)
    for dx in (-50, 50):
        cv2.ellipse(frame, (cx + dx, cy - 20), (22, 11), 0, 0, 360, (255, 255, 255), -1)
        cv2.circle(frame, (cx + dx, cy - 20), 8, (60, 40, 30), -1)
        cv2.line(frame, (cx + dx - 28, cy - 50), (cx + dx + 28, cy - 52), hair, 6)
    cv2.line(frame, (cx, cy - 10), (cx - 10, cy + 45), (120, 150, 200), 4)
    cv2.line(frame, (cx - 40, cy + 85), (cx + 40, cy + 85), (90, 90, 170), 6)
