"""The named checks, each measured on the framed photo (or the source where the frame cannot tell).

Each function returns a `CheckResult`: the measured value, the limit as the reader sees it, pass/fail. The
French instruction for a failing check is `face.check.<name>` in enrollment/strings.py.
"""

from __future__ import annotations

import cv2
import numpy as np

from .geometry import (
    INNER_LIP_BOTTOM,
    INNER_LIP_TOP,
    LEFT_EYE,
    MOUTH_LEFT,
    MOUTH_RIGHT,
    RIGHT_EYE,
    HeadGeometry,
)
from .model import CheckResult
from .thresholds import FaceThresholds

# Order in which checks are listed to the agent: presence and framing first, then pose, expression, light.
ORDER = (
    "face_found", "other_person", "in_frame", "eye_distance", "head_size", "head_centred", "eye_height",
    "yaw", "pitch", "roll", "eyes_open", "mouth_closed", "background_plain", "background_light",
    "background_not_white", "exposure", "contrast", "shadow", "sharpness",
)


def _r(value: float) -> float:
    return round(float(value), 3)


def at_least(name: str, value: float, limit: float, unit: str = "") -> CheckResult:
    return CheckResult(name=name, passed=bool(value >= limit), value=_r(value), limit=f"≥ {limit:g}", unit=unit)


def at_most(name: str, value: float, limit: float, unit: str = "") -> CheckResult:
    return CheckResult(name=name, passed=bool(value <= limit), value=_r(value), limit=f"≤ {limit:g}", unit=unit)


def within(name: str, value: float, lo: float, hi: float, unit: str = "") -> CheckResult:
    return CheckResult(name=name, passed=bool(lo <= value <= hi), value=_r(value), limit=f"{lo:g}–{hi:g}", unit=unit)


def eye_aspect_ratio(eye: np.ndarray) -> float:
    """(|p2−p6| + |p3−p5|) / (2 |p1−p4|) over the six landmarks of one eye (Soukupová & Čech 2016)."""
    v = np.linalg.norm(eye[1] - eye[5]) + np.linalg.norm(eye[2] - eye[4])
    return float(v / (2 * max(np.linalg.norm(eye[0] - eye[3]), 1e-6)))


def mouth_open_ratio(lm: np.ndarray) -> float:
    """Mean gap between the inner lips over the mouth's width."""
    gap = np.linalg.norm(lm[INNER_LIP_TOP] - lm[INNER_LIP_BOTTOM][::-1], axis=1).mean()
    return float(gap / max(np.linalg.norm(lm[MOUTH_RIGHT] - lm[MOUTH_LEFT]), 1e-6))


def expression_checks(lm: np.ndarray, t: FaceThresholds) -> list[CheckResult]:
    ear = min(eye_aspect_ratio(lm[RIGHT_EYE]), eye_aspect_ratio(lm[LEFT_EYE]))
    return [at_least("eyes_open", ear, t.min_eye_aspect_ratio),
            at_most("mouth_closed", mouth_open_ratio(lm), t.max_mouth_open_ratio)]


def framing_checks(frame_geom: HeadGeometry, source_eye_distance: float, size: tuple[int, int],
                   outside: float, t: FaceThresholds) -> list[CheckResult]:
    w, h = size
    # Information really present: a frame enlarged from a small face has no more detail than the source.
    eye_distance = min(frame_geom.eye_distance, source_eye_distance)
    head = frame_geom.head_height / h
    centre_x = (frame_geom.crown[0] + frame_geom.chin[0]) / 2
    return [
        at_most("in_frame", outside, t.max_head_outside),
        at_least("eye_distance", eye_distance, t.min_eye_distance_px, "px"),
        within("head_size", head, t.head_height_min, t.head_height_max),
        at_most("head_centred", abs(centre_x - w / 2) / w, t.max_centre_offset),
        within("eye_height", (h - frame_geom.eye_mid[1]) / h, t.eye_height_min, t.eye_height_max),
    ]


def pose_checks(yaw: float, pitch: float, roll: float, t: FaceThresholds) -> list[CheckResult]:
    return [at_most("yaw", abs(yaw), t.max_yaw_deg, "°"), at_most("pitch", abs(pitch), t.max_pitch_deg, "°"),
            at_most("roll", abs(roll), t.max_roll_deg, "°")]


def background_mask(frame_geom: HeadGeometry, shape: tuple[int, ...]) -> np.ndarray:
    """Where the backdrop shows: above the crown, and beside the head down to the eyes, clear of the hair
    (which may stand out well past the jaw line), two pixels in from the resampled edges."""
    h, w = shape[:2]
    mask = np.zeros((h, w), np.uint8)
    top = int(frame_geom.crown[1] - frame_geom.head_height * 0.08)
    if top > 4:
        mask[2:top, 2:w - 2] = 255
    eye_row = int(frame_geom.eye_mid[1])
    cx, reach = frame_geom.eye_mid[0], frame_geom.half_width * 1.6
    left, right = int(cx - reach), int(cx + reach)
    if left > 4:
        mask[2:eye_row, 2:left] = 255
    if right < w - 4:
        mask[2:eye_row, right:w - 2] = 255
    return mask


def background_checks(grey: np.ndarray, frame_geom: HeadGeometry, t: FaceThresholds) -> list[CheckResult]:
    sample = grey[background_mask(frame_geom, grey.shape) > 0]
    if sample.size < 200:  # the head fills the frame: no background to judge
        return [CheckResult(name=n, passed=False, value=None)
                for n in ("background_plain", "background_light", "background_not_white")]
    p10, p90 = np.percentile(sample, (10, 90))
    mean = float(sample.mean())
    return [at_most("background_plain", p90 - p10, t.max_background_spread),
            at_least("background_light", mean, t.min_background_level),
            CheckResult(name="background_not_white", passed=mean < t.max_background_level, value=_r(mean),
                        limit=f"< {t.max_background_level:g}")]


def face_mask(lm: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Jaw line and brows: the skin of the face, without hair or background."""
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, cv2.convexHull(lm[:27].astype(np.int32)), 255)
    return mask


# Upper-cheek patches compared for one-sided shadow: between the eyes' lower lids and the nose's base, so
# skin only (beards and moustaches start lower), pulled in from the jaw line (which may sit on hair).
_CHEEK_IMAGE_LEFT = [1, 2, 31, 39, 40, 41]
_CHEEK_IMAGE_RIGHT = [15, 14, 35, 42, 47, 46]
_CONTOUR = {1, 2, 15, 14}


def cheek_polygon(lm: np.ndarray, idx: list[int]) -> np.ndarray:
    nose = lm[30]
    pts = [lm[i] + (nose - lm[i]) * 0.2 if i in _CONTOUR else lm[i] for i in idx]
    return cv2.convexHull(np.array(pts, dtype=np.int32))


def _patch_level(grey: np.ndarray, lm: np.ndarray, idx: list[int]) -> float:
    mask = np.zeros(grey.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, cheek_polygon(lm, idx), 255)
    values = grey[mask > 0]
    return float(np.median(values)) if values.size else 0.0


def light_checks(grey: np.ndarray, lm: np.ndarray, t: FaceThresholds) -> list[CheckResult]:
    mask = face_mask(lm, grey.shape)
    skin = grey[mask > 0].astype(np.float64)
    if skin.size < 100:
        return [CheckResult(name=n, passed=False, value=None) for n in ("exposure", "contrast", "shadow")]
    clipped = float(((skin <= 5) | (skin >= 250)).mean())
    exposure = within("exposure", skin.mean(), t.min_face_level, t.max_face_level)
    if clipped > t.max_clipped_share:
        exposure = exposure.model_copy(update={"passed": False})
    left, right = _patch_level(grey, lm, _CHEEK_IMAGE_LEFT), _patch_level(grey, lm, _CHEEK_IMAGE_RIGHT)
    asym = abs(left - right) / max(left, right, 1e-6)
    return [exposure, at_least("contrast", skin.std(), t.min_face_contrast),
            at_most("shadow", asym, t.max_shadow_asymmetry)]


def sharpness(grey: np.ndarray, lm: np.ndarray) -> float:
    """Variance of the Laplacian over eyes, nose and mouth (the frame fixes the scale)."""
    x0, x1 = int(lm[36, 0]), int(lm[45, 0])
    y0, y1 = int(min(lm[17:27, 1])), int(lm[57, 1])
    x0, y0 = max(x0, 0), max(y0, 0)
    region = grey[y0:max(y1, y0 + 2), x0:max(x1, x0 + 2)]
    if region.size < 16:
        return 0.0
    return float(cv2.Laplacian(region, cv2.CV_64F).var())


def sharpness_check(grey: np.ndarray, lm: np.ndarray, t: FaceThresholds) -> CheckResult:
    return at_least("sharpness", sharpness(grey, lm), t.min_sharpness)


def presence_checks(face_count: int) -> list[CheckResult]:
    """Exactly one face = a face found, and no other."""
    return [
        CheckResult(name="face_found", passed=face_count >= 1, value=float(face_count), limit="≥ 1"),
        CheckResult(name="other_person", passed=face_count <= 1, value=float(max(face_count - 1, 0)), limit="0"),
    ]
