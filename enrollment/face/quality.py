"""One image in, the verdict out: every check, the face box, and the framed 35 × 45 image.

`analyse(image)` is the full check of a captured photo; `analyse(image, Mode.PREVIEW)` is the same with a
cheaper detection, for live guidance. Both frame the photo from the full-resolution image, so what the
preview says about size, position, light and sharpness is what the capture will get.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from . import checks as c
from .detection import Face, Mode, detect_faces
from .geometry import Placement, head_geometry, head_outside_share, head_pose, place_frame, warp_to_frame
from .model import CheckResult
from .thresholds import DEFAULT_THRESHOLDS, FaceThresholds

log = logging.getLogger(__name__)

MIN_SIDE_PX = 64  # below this an image holds no usable face


@dataclass(frozen=True)
class FaceReport:
    checks: list[CheckResult]
    mode: Mode
    face_box: tuple[int, int, int, int] | None = None  # in source pixels
    other_boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    frame: np.ndarray | None = None  # the framed photo (BGR), before encoding
    placement: Placement | None = None
    duration_ms: float = 0.0

    @property
    def passed(self) -> bool:
        return all(x.passed for x in self.checks)

    @property
    def failing(self) -> list[CheckResult]:
        return [x for x in self.checks if not x.passed]

    def check(self, name: str) -> CheckResult:
        return next(x for x in self.checks if x.name == name)


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    if image.ndim == 3 and image.shape[2] == 3:
        return image
    raise EnrollmentError("photo.unreadable", message("photo.unreadable"))


def analyse(image: np.ndarray, mode: Mode = Mode.FULL, t: FaceThresholds = DEFAULT_THRESHOLDS) -> FaceReport:
    """Every check on `image` (BGR, grey or BGRA uint8). Raises EnrollmentError only for a non-image."""
    start = time.perf_counter()
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or min(image.shape[:2]) < MIN_SIDE_PX:
        raise EnrollmentError("photo.unreadable", message("photo.unreadable"))
    image = _as_bgr(image)
    faces = detect_faces(image, mode)
    results = c.presence_checks(len(faces))
    if not faces:
        return _done(FaceReport(checks=results, mode=mode), start)
    face: Face = faces[0]
    report = _analyse_face(image, face, t, results)
    report = FaceReport(checks=report.checks, mode=mode, face_box=face.box,
                        other_boxes=[f.box for f in faces[1:]], frame=report.frame, placement=report.placement)
    return _done(report, start)


def _done(report: FaceReport, start: float) -> FaceReport:
    ms = (time.perf_counter() - start) * 1000
    failing = [x.name for x in report.failing]
    log.debug("face checks", extra={"event": "face.checks", "mode": str(report.mode), "failing": failing,
                                    "duration_ms": round(ms, 1)})
    return FaceReport(checks=sorted(report.checks, key=lambda x: c.ORDER.index(x.name)), mode=report.mode,
                      face_box=report.face_box, other_boxes=report.other_boxes, frame=report.frame,
                      placement=report.placement, duration_ms=ms)


def _analyse_face(image: np.ndarray, face: Face, t: FaceThresholds, results: list[CheckResult]) -> FaceReport:
    lm = face.landmarks
    g = head_geometry(lm, t)
    placement = place_frame(g, image.shape, t)
    frame = warp_to_frame(image, placement)
    lm_f = placement.to_frame(lm)
    g_f = head_geometry(lm_f, t)
    yaw, pitch = head_pose(lm, image.shape)
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    results = results + c.framing_checks(g_f, g.eye_distance, placement.size, head_outside_share(g, image.shape), t)
    results += c.pose_checks(yaw, pitch, g.roll_deg, t)
    results += c.expression_checks(lm, t)
    results += c.background_checks(grey, g_f, t)
    results += c.light_checks(grey, lm_f, t)
    results.append(c.sharpness_check(grey, lm_f, t))
    return FaceReport(checks=results, mode=Mode.FULL, frame=frame, placement=placement)
