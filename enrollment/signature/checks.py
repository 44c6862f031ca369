"""Is what came from the pad a signature the title can carry? Each check says what is wrong, in French."""

from __future__ import annotations

from dataclasses import dataclass

from ..strings import message
from .series import SignatureSeries
from .thresholds import DEFAULT_THRESHOLDS, SignatureThresholds


@dataclass(frozen=True)
class SignatureProblem:
    code: str
    message: str


@dataclass(frozen=True)
class SignatureMeasures:
    strokes: int
    ink_mm: float
    width_mm: float
    height_mm: float
    thickness_ratio: float  # spread across the main direction / spread along it
    direction_changes: int  # vertical direction reversals along the strokes
    outside_share: float


def measure(series: SignatureSeries) -> SignatureMeasures:
    import numpy as np  # with the first signature: the dossier model imports this module at start-up

    strokes = series.strokes()
    ink = series.ink_points()
    if len(ink) == 0:
        return SignatureMeasures(0, 0.0, 0.0, 0.0, 0.0, 0, 0.0)
    length = sum(float(np.hypot(*np.diff(s[:, :2], axis=0).T).sum()) for s in strokes if len(s) > 1)
    span = ink.max(axis=0) - ink.min(axis=0)
    centred = ink - ink.mean(axis=0)
    spread = np.sqrt(np.maximum(np.linalg.eigvalsh(np.cov(centred.T)) if len(ink) > 2 else np.zeros(2), 0))
    ratio = float(spread[0] / spread[1]) if spread[1] > 0 else 0.0
    changes = 0
    for s in strokes:
        dy = np.diff(s[:, 1])
        dy = dy[np.abs(dy) > 0]
        changes += int(np.count_nonzero(np.diff(np.sign(dy)))) if len(dy) > 1 else 0
    x0, y0, x1, y1 = series.box or (0, 0, series.width, series.height)
    inside = (ink[:, 0] >= x0) & (ink[:, 0] < x1) & (ink[:, 1] >= y0) & (ink[:, 1] < y1)
    return SignatureMeasures(len(strokes), series.mm(length), series.mm(float(span[0])), series.mm(float(span[1])),
                             ratio, changes, float(1 - inside.mean()))


def problems(series: SignatureSeries, limits: SignatureThresholds = DEFAULT_THRESHOLDS) -> list[SignatureProblem]:
    """What keeps this trace from being a usable signature, most basic first ([] = usable)."""
    m = measure(series)
    if m.strokes == 0:
        return [_p("signature.empty")]
    if max(m.width_mm, m.height_mm) < limits.dot_max_mm:
        return [_p("signature.dot")]
    out = []
    if m.outside_share > limits.max_outside_share:
        out.append(_p("signature.outside"))
    if m.thickness_ratio < limits.line_max_thickness_ratio or m.direction_changes <= limits.line_max_direction_changes:
        out.append(_p("signature.line"))
    elif m.ink_mm < limits.min_ink_mm or m.width_mm < limits.min_width_mm:
        out.append(_p("signature.little_ink"))
    return out


def _p(code: str) -> SignatureProblem:
    return SignatureProblem(code, message(code))
