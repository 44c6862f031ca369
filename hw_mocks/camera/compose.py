"""Composing one still picture of the scene: backdrop, people, pose, light, focus.

The still is recomposed only when the scene or the frame size changes (tens of milliseconds); each frame
of the stream is then that still plus fresh sensor noise (`Noise`), a few milliseconds, so the stream
keeps its rate on one core whatever the scene.

Head pose is not a flat warp: the head is modelled as an ellipsoid whose depth moves each point sideways
(yaw) or up and down (pitch) by `depth × sin(angle)` while the face is foreshortened by `cos(angle)`,
so the nose moves against the face outline as on a turning head, and what pose estimators measure from
landmarks follows the angle asked. Shoulders and hair beyond the ellipsoid stay put.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from hw_mocks.camera.scene import Scene
from hw_mocks.camera.subjects import Subject, Subjects

# Backdrop colours (BGR). Light blue and light grey are what ID photo booths use (domain.md: plain and
# light, white refused); white is the refused case; the pattern is a wallpaper behind the counter.
BACKDROPS: dict[str, tuple[int, int, int]] = {
    "light-blue": (228, 212, 190),
    "light-grey": (206, 206, 204),
    "white": (252, 252, 252),
    "patterned": (200, 190, 180),
}
# The Haar/dlib face box spans brows to chin; chin to crown is about this many box heights (dlib's box on
# the frontal photos of the set).
HEAD_PER_BOX = 1.45
FACE_CENTRE_Y = 0.46  # where the face box centre sits, as a fraction of the frame height
SECOND_PERSON = (0.33, 0.75)  # the second person: x shift (frame widths) and size relative to the first


def compose(scene: Scene, subjects: Subjects, width: int, height: int) -> np.ndarray:
    """The scene as a BGR uint8 still of width × height, without sensor noise."""
    frame = backdrop(scene.background, width, height)
    if scene.person and scene.second_person:
        second = subjects.get("second")
        size = scene.face_size * SECOND_PERSON[1]
        frame = _paste(frame, second, Scene(face_size=size, offset_x=scene.offset_x + SECOND_PERSON[0]), width,
                       height, y_shift=-0.04)
    if scene.person:
        subject = subjects.get("eyes_closed" if scene.eyes_closed else "applicant")
        frame = _paste(frame, subject, scene, width, height)
    out = cv2.convertScaleAbs(frame, alpha=scene.brightness) if scene.brightness != 1.0 else frame
    if scene.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), scene.blur * height / 720)
    return out


def backdrop(kind: str, width: int, height: int) -> np.ndarray:
    colour = np.array(BACKDROPS[kind], np.float32)
    # A soft fall-off towards the corners, as any lit backdrop has (5 %): a perfectly flat colour would make
    # the background checks too easy.
    ys, xs = np.ogrid[-1:1:complex(0, height), -1:1:complex(0, width)]
    shade = 1.0 - 0.05 * (xs**2 + ys**2) / 2
    image = shade[..., None] * colour
    if kind == "patterned":
        # Wallpaper: diagonal stripes and dots, strong enough that a uniformity check sees it.
        y, x = np.mgrid[0:height, 0:width]
        stripes = ((x + y) // max(8, width // 40)) % 2
        image = image * (0.8 + 0.2 * stripes[..., None])
        for cy in range(20, height, 60):
            for cx in range(20 + (cy // 60 % 2) * 30, width, 60):
                cv2.circle(image, (cx, cy), 9, (120.0, 90.0, 150.0), -1)
    return np.clip(image, 0, 255).astype(np.uint8)


def _paste(frame: np.ndarray, subject: Subject, scene: Scene, width: int, height: int,
           y_shift: float = 0.0) -> np.ndarray:
    image, alpha = subject.image, subject.alpha
    if scene.yaw or scene.pitch:
        image, alpha = turn_head(subject, scene.yaw, scene.pitch)
    if scene.shadow > 0:
        image = _side_light(image, subject, scene.shadow)
    x, y, fw, fh = subject.face
    scale = scene.face_size * height / (fh * HEAD_PER_BOX)
    centre_dst = (width / 2 + scene.offset_x * width, height * (FACE_CENTRE_Y + y_shift))
    m = cv2.getRotationMatrix2D(subject.face_centre, -scene.roll, scale)
    m[0, 2] += centre_dst[0] - subject.face_centre[0]
    m[1, 2] += centre_dst[1] - subject.face_centre[1]
    size = (width, height)
    person = cv2.warpAffine(image, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.warpAffine(alpha, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return cv2.blendLinear(person, frame, a, 1.0 - a)


def turn_head(subject: Subject, yaw: float, pitch: float) -> tuple[np.ndarray, np.ndarray]:
    """The subject with the head turned by yaw/pitch degrees (ellipsoid model, see the module docstring).

    For each pixel of the result, the point of the turned ellipsoid seen there is rotated back to find
    where it was in the photo; beyond the ellipsoid the turn fades out so the neck and shoulders stay.
    """
    h, w = subject.image.shape[:2]
    x, y, fw, fh = subject.face
    cx, cy = x + fw / 2, y + 0.40 * fh
    a, b = 0.62 * fw, 0.90 * fh  # half-width with the ears, half-height chin to crown
    # Only the head moves: remap a box of 1.4 radii around it (the weight is 0 outside), a few times
    # cheaper than the whole subject with its torso.
    x0, x1 = max(0, int(cx - 1.45 * a)), min(w, int(cx + 1.45 * a) + 1)
    y0, y1 = max(0, int(cy - 1.45 * b)), min(h, int(cy + 1.45 * b) + 1)
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    u, v = (xs - cx) / a, (ys - cy) / b
    r = np.sqrt(u * u + v * v)
    z = np.sqrt(np.clip(1.0 - r * r, 0.0, None))
    ty, tp = math.radians(yaw), math.radians(pitch)
    src_u = u * math.cos(ty) - z * math.sin(ty)
    z1 = u * math.sin(ty) + z * math.cos(ty)
    src_v = v * math.cos(tp) + z1 * math.sin(tp)
    weight = np.clip((1.4 - r) / 0.4, 0.0, 1.0)  # 1 on the head, 0 from 1.4 radii out
    map_x = (cx + a * (weight * src_u + (1 - weight) * u)).astype(np.float32)
    map_y = (cy + b * (weight * src_v + (1 - weight) * v)).astype(np.float32)
    image, alpha = subject.image.copy(), subject.alpha.copy()
    image[y0:y1, x0:x1] = cv2.remap(subject.image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    alpha[y0:y1, x0:x1] = cv2.remap(subject.alpha, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                    borderValue=0)
    return image, alpha


def _side_light(image: np.ndarray, subject: Subject, strength: float) -> np.ndarray:
    """Light from the image's right: the left half of the face in shadow, with a soft terminator."""
    x, _, fw, _ = subject.face
    cols = np.arange(image.shape[1], dtype=np.float32)
    dark = 1.0 / (1.0 + np.exp((cols - (x + fw / 2)) / (0.08 * fw)))
    gain = 1.0 - strength * dark
    return np.clip(image.astype(np.float32) * gain[None, :, None], 0, 255).astype(np.uint8)


class Noise:
    """Sensor noise, fresh every frame at the cost of one saturated add: a bank twice the frame's height is
    drawn once per (size, level), and each frame takes a window of it at a random row."""

    def __init__(self) -> None:
        self._key: tuple[int, int, float] | None = None
        self._bank: np.ndarray | None = None
        self._rng = np.random.default_rng()

    def apply(self, still: np.ndarray, sigma: float) -> np.ndarray:
        if sigma <= 0:
            return still
        h, w = still.shape[:2]
        if self._key != (h, w, sigma):
            self._bank = (self._rng.standard_normal((2 * h, w, 3), np.float32) * sigma).astype(np.int16)
            self._key = (h, w, sigma)
        assert self._bank is not None
        start = int(self._rng.integers(0, h))
        return cv2.add(still, self._bank[start:start + h], dtype=cv2.CV_8U)
