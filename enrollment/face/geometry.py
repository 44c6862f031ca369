"""Where the head is: eye centres, chin, estimated crown, head pose, and the placement of the 35 × 45 frame.

The frame is placed from the eyes (as the ISO/IEC 19794-5 token image is): rotated so the eye line is level,
scaled so the estimated chin-to-crown height is the target, centred on the face. It is then fitted inside
the source image, never padded: pixels that were not photographed are never invented. When the source lacks
room, the fitted frame is smaller (the head grows) or shifted (the head leaves the centre), and the head-size
and position checks say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .thresholds import FaceThresholds

# iBUG 300-W landmark indices (dlib's 68-point model).
JAW = slice(0, 17)
CHIN = 8
NOSE_TIP = 30
RIGHT_EYE = slice(36, 42)  # the subject's right eye: image left
LEFT_EYE = slice(42, 48)
MOUTH_LEFT, MOUTH_RIGHT = 48, 54
INNER_LIP_TOP, INNER_LIP_BOTTOM = slice(61, 64), slice(65, 68)
INNER_LIP_CORNERS = (60, 64)

# Generic 3-D adult face (millimetres, nose tip at the origin, y up, z towards the camera): the six points
# used for head pose, from mean anthropometric distances (Farkas 1994: biocular width ~90 mm, mouth ~50 mm,
# exocanthion ~40 mm behind the nose tip).
_MODEL_POINTS = np.array([
    (0.0, 0.0, 0.0),  # nose tip, pronasale (30)
    (0.0, -72.0, -20.0),  # chin, menton (8)
    (-45.0, 32.0, -40.0),  # outer corner of the image-left eye, exocanthion (36)
    (45.0, 32.0, -40.0),  # outer corner of the image-right eye (45)
    (-25.0, -30.0, -28.0),  # mouth corner, cheilion (48)
    (25.0, -30.0, -28.0),  # mouth corner (54)
])
_POSE_LANDMARKS = [NOSE_TIP, CHIN, 36, 45, MOUTH_LEFT, MOUTH_RIGHT]


@dataclass(frozen=True)
class HeadGeometry:
    eye_left: np.ndarray  # image-left eye centre
    eye_right: np.ndarray
    chin: np.ndarray
    roll_deg: float  # positive: the image-right eye is lower
    eye_to_chin: float  # along the face axis, pixels
    crown: np.ndarray  # estimated top of the skull (hair excluded)
    half_width: float  # half the jaw width (ear to ear, roughly)

    @property
    def eye_mid(self) -> np.ndarray:
        return (self.eye_left + self.eye_right) / 2

    @property
    def eye_distance(self) -> float:
        return float(np.linalg.norm(self.eye_right - self.eye_left))

    @property
    def head_height(self) -> float:
        return float(np.linalg.norm(self.chin - self.crown))


def head_geometry(landmarks: np.ndarray, t: FaceThresholds) -> HeadGeometry:
    eye_l = landmarks[RIGHT_EYE].mean(axis=0)
    eye_r = landmarks[LEFT_EYE].mean(axis=0)
    d = eye_r - eye_l
    roll = math.degrees(math.atan2(d[1], d[0]))
    axis_x = d / max(np.linalg.norm(d), 1e-6)
    axis_down = np.array([-axis_x[1], axis_x[0]])  # perpendicular to the eye line, towards the chin
    mid = (eye_l + eye_r) / 2
    chin = landmarks[CHIN]
    eye_to_chin = float(np.dot(chin - mid, axis_down))
    crown = mid - axis_down * eye_to_chin * t.crown_above_eyes_ratio
    jaw = landmarks[JAW]
    half_width = float(np.ptp(jaw @ axis_x)) / 2
    return HeadGeometry(eye_l, eye_r, chin, roll, eye_to_chin, crown, half_width)


def head_pose(landmarks: np.ndarray, image_shape: tuple[int, ...]) -> tuple[float, float]:
    """(yaw, pitch) in degrees from a PnP fit of the generic face; 0 is frontal."""
    h, w = image_shape[:2]
    focal = float(max(w, h))  # a normal lens: the focal length about the image's long side
    camera = np.array([[focal, 0, w / 2], [0, focal, h / 2], [0, 0, 1]], dtype=np.float64)
    image_points = landmarks[_POSE_LANDMARKS].astype(np.float64)
    model = _MODEL_POINTS * np.array([1.0, -1.0, -1.0])  # to OpenCV's camera axes: y down, z away
    # Start from a frontal head at the distance its eye-corner span implies: without a guess the 6-point
    # fit sometimes lands in a mirrored minimum.
    span = max(float(np.linalg.norm(image_points[3] - image_points[2])), 1.0)
    z = focal * 90.0 / span
    nose = image_points[0]
    tvec = np.array([[(nose[0] - w / 2) * z / focal], [(nose[1] - h / 2) * z / focal], [z]])
    rvec = np.zeros((3, 1))
    ok, rvec, _ = cv2.solvePnP(model, image_points, camera, np.zeros(4), rvec, tvec, useExtrinsicGuess=True,
                               flags=cv2.SOLVEPNP_ITERATIVE)
    if not ok:
        return float("nan"), float("nan")
    rot, _ = cv2.Rodrigues(rvec)
    # Euler angles of the head in the camera frame (x: pitch, y: yaw).
    pitch = math.degrees(math.atan2(-rot[2, 1], rot[2, 2]))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, rot[2, 0]))))
    pitch = (pitch + 180) % 360 - 180
    if abs(pitch) > 90:  # solvePnP's mirror solution: the face seen from behind
        pitch = pitch - math.copysign(180, pitch)
    return yaw, pitch


@dataclass(frozen=True)
class Placement:
    """The affine map from source pixels to frame pixels, and how much the fit had to bend the framing."""

    matrix: np.ndarray  # 2 × 3, source → frame
    size: tuple[int, int]  # frame (width, height)
    scale: float  # frame pixels per source pixel

    def to_frame(self, points: np.ndarray) -> np.ndarray:
        pts = np.atleast_2d(points).astype(np.float64)
        return pts @ self.matrix[:, :2].T + self.matrix[:, 2]


def place_frame(g: HeadGeometry, source_shape: tuple[int, ...], t: FaceThresholds) -> Placement:
    """The frame around the head, fitted inside the source image."""
    width, height = t.token_size
    px_per_mm = height / t.frame_height_mm
    scale = t.head_target_mm * px_per_mm / max(g.head_height, 1.0)
    # Wanted position of the crown in the frame: centred, crown_margin below the top edge.
    target_crown = np.array([width / 2, t.crown_margin_mm * px_per_mm])
    angle = math.radians(g.roll_deg)
    # The frame's axes expressed in source pixels (one frame pixel = 1/scale source pixels).
    ux = np.array([math.cos(angle), math.sin(angle)]) / scale
    uy = np.array([-math.sin(angle), math.cos(angle)]) / scale
    # Horizontal centre: the face axis (through the eye midpoint); vertical: from the crown.
    origin = g.crown - ux * target_crown[0] - uy * target_crown[1]
    origin, ux, uy = _fit_inside(origin, ux, uy, width, height, source_shape)
    # Source = origin + X * ux + Y * uy  →  invert for the source → frame map.
    basis = np.column_stack([ux, uy])
    inv = np.linalg.inv(basis)
    matrix = np.hstack([inv, (-inv @ origin).reshape(2, 1)])
    return Placement(matrix=matrix, size=(width, height), scale=1 / float(np.linalg.norm(ux)))


def _corners(origin: np.ndarray, ux: np.ndarray, uy: np.ndarray, w: int, h: int) -> np.ndarray:
    return np.array([origin, origin + ux * w, origin + uy * h, origin + ux * w + uy * h])


def _fit_inside(origin, ux, uy, w: int, h: int, shape) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shrink (around the frame centre) then shift the frame until its corners lie in the image."""
    src_h, src_w = shape[:2]
    centre = origin + ux * w / 2 + uy * h / 2
    c = _corners(origin, ux, uy, w, h)
    span = c.max(axis=0) - c.min(axis=0)
    shrink = min(1.0, (src_w - 1) / span[0], (src_h - 1) / span[1])
    ux, uy = ux * shrink, uy * shrink
    origin = centre - ux * w / 2 - uy * h / 2
    c = _corners(origin, ux, uy, w, h)
    lo, hi = c.min(axis=0), c.max(axis=0)
    shift = np.zeros(2)
    for i, limit in enumerate((src_w - 1, src_h - 1)):
        if lo[i] < 0:
            shift[i] = -lo[i]
        elif hi[i] > limit:
            shift[i] = limit - hi[i]
    return origin + shift, ux, uy


def warp_to_frame(image: np.ndarray, p: Placement) -> np.ndarray:
    interpolation = cv2.INTER_AREA if p.scale < 1 else cv2.INTER_CUBIC
    return cv2.warpAffine(image, p.matrix, p.size, flags=interpolation, borderMode=cv2.BORDER_REPLICATE)


def head_outside_share(g: HeadGeometry, shape: tuple[int, ...]) -> float:
    """Share of the head box (ear to ear, crown to chin, in the face's own axes) outside the image."""
    h, w = shape[:2]
    axis_x = (g.eye_right - g.eye_left) / max(g.eye_distance, 1e-6)
    axis_down = np.array([-axis_x[1], axis_x[0]])
    xs = np.linspace(-g.half_width, g.half_width, 21)
    ys = np.linspace(0, g.head_height, 21)
    grid = g.crown + xs[None, :, None] * axis_x + ys[:, None, None] * axis_down
    pts = grid.reshape(-1, 2)
    outside = (pts[:, 0] < 0) | (pts[:, 0] > w - 1) | (pts[:, 1] < 0) | (pts[:, 1] > h - 1)
    return float(outside.mean())
