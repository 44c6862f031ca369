"""Quality of one impression: the NFIQ 2 score, its actionable measures, and what to tell the applicant.

The score is NFIQ 2's, unchanged. The instruction comes from NIST's actionable feedback first (nothing on
the glass, too little finger, too few minutiae), then from the station's grey-level hints (too light, too
dark), all limits in thresholds.py."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..strings import message
from .nbis_engine import Extraction, extract
from .thresholds import THRESHOLDS, FingerprintThresholds


class Measure(StrEnum):
    """NFIQ 2 actionable quality measures (ISO/IEC 29794-4), under their NIST identifiers."""

    UNIFORM_IMAGE = "UniformImage"
    EMPTY_OR_LOW_CONTRAST = "EmptyImageOrContrastTooLow"
    MINUTIAE = "FingerprintImageWithMinutiae"
    FOREGROUND = "SufficientFingerprintForeground"


class Issue(StrEnum):
    """What an actionable measure says is wrong (stable codes for logs, tests and the technician command)."""

    NO_FINGER = "no_finger"  # uniform image: nothing on the glass
    LOW_CONTRAST = "low_contrast"  # empty image or contrast too low
    TOO_FEW_MINUTIAE = "too_few_minutiae"
    SMALL_FOREGROUND = "small_foreground"
    NOT_SCORED = "not_scored"  # NFIQ 2 could not score the image
    OFF_CENTRE = "off_centre"  # station hint: the finger area's centre is far from the image's


class Instruction(StrEnum):
    """What the applicant is asked to do; the French text is `fingerprint.instruction.<code>`."""

    GOOD = "good"
    PLACE_FINGER = "place_finger"
    PRESS_HARDER = "press_harder"
    PRESS_LIGHTER = "press_lighter"
    FLAT_AND_CENTRED = "flat_and_centred"
    CLEAN_FINGER = "clean_finger"
    KEEP_STILL = "keep_still"


@dataclass(frozen=True)
class QualityReport:
    score: int  # NFIQ 2, 0-100; 0 when NFIQ 2 could not score the image
    scored: bool  # False: NFIQ 2 refused the image (the score 0 is ours)
    measures: dict[str, float]  # actionable measures by NIST identifier
    issues: tuple[Issue, ...]
    instruction: Instruction
    minutiae: int
    mean_grey: float
    accepted: bool  # score >= the configured minimum

    @property
    def text(self) -> str:
        """The French instruction for the applicant."""
        return message(f"fingerprint.instruction.{self.instruction.value}")


def issues_of(
    measures: dict[str, float], scored: bool, off_centre: bool = False, t: FingerprintThresholds = THRESHOLDS,
) -> list[Issue]:
    out: list[Issue] = []
    if off_centre:
        out.append(Issue.OFF_CENTRE)
    if not scored:
        out.append(Issue.NOT_SCORED)
    if measures.get(Measure.UNIFORM_IMAGE, t.uniform_image_below) < t.uniform_image_below:
        out.append(Issue.NO_FINGER)
    if measures.get(Measure.EMPTY_OR_LOW_CONTRAST, 0.0) > t.empty_or_low_contrast_above:
        out.append(Issue.LOW_CONTRAST)
    if measures.get(Measure.MINUTIAE, t.min_minutiae) < t.min_minutiae:
        out.append(Issue.TOO_FEW_MINUTIAE)
    if measures.get(Measure.FOREGROUND, t.min_foreground_px) < t.min_foreground_px:
        out.append(Issue.SMALL_FOREGROUND)
    return out


def instruction_for(
    score: int, issues: list[Issue], mean_grey: float, min_quality: int, t: FingerprintThresholds = THRESHOLDS,
) -> Instruction:
    """One instruction, the most useful first. A good enough score needs none, whatever the measures say."""
    if score >= min_quality:
        return Instruction.GOOD
    if Issue.NO_FINGER in issues:
        return Instruction.PLACE_FINGER
    if Issue.LOW_CONTRAST in issues:  # ridges too faint to see: more pressure brings them out
        return Instruction.PRESS_HARDER
    if Issue.SMALL_FOREGROUND in issues or Issue.OFF_CENTRE in issues:
        return Instruction.FLAT_AND_CENTRED
    if mean_grey < t.dark_mean_below:
        return Instruction.PRESS_LIGHTER
    if mean_grey > t.light_mean_above:
        return Instruction.PRESS_HARDER
    if Issue.TOO_FEW_MINUTIAE in issues or Issue.NOT_SCORED in issues:
        return Instruction.CLEAN_FINGER
    return Instruction.KEEP_STILL


def _fallback_measures(pixels: np.ndarray, minutiae: int) -> dict[str, float]:
    """When NFIQ 2 refuses an image, the grey-level measures are recomputed on the whole image so the
    applicant still gets an instruction (NIST computes them on its own crop; values differ slightly)."""
    return {
        Measure.UNIFORM_IMAGE.value: float(pixels.std()),
        Measure.EMPTY_OR_LOW_CONTRAST.value: float(pixels.mean()),
        Measure.MINUTIAE.value: float(minutiae),
    }


def _off_centre(shape: tuple[int, ...], centre: tuple[int, int] | None, t: FingerprintThresholds) -> bool:
    if centre is None:
        return False
    h, w = shape[:2]
    return abs(centre[0] - w / 2) > t.off_centre_fraction * w or abs(centre[1] - h / 2) > t.off_centre_fraction * h


def report_from(
    pixels: np.ndarray, found: Extraction, min_quality: int, t: FingerprintThresholds = THRESHOLDS,
) -> QualityReport:
    scored = found.nfiq2 is not None
    measures = dict(found.actionable) if scored else _fallback_measures(pixels, found.minutiae)
    score = found.nfiq2 if found.nfiq2 is not None else 0
    mean_grey = measures.get(Measure.EMPTY_OR_LOW_CONTRAST, float(pixels.mean()))
    issues = issues_of(measures, scored, _off_centre(pixels.shape, found.centre, t), t)
    return QualityReport(
        score=score, scored=scored, measures=measures, issues=tuple(issues),
        instruction=instruction_for(score, issues, mean_grey, min_quality, t), minutiae=found.minutiae,
        mean_grey=mean_grey, accepted=score >= min_quality,
    )


def assess(pixels: np.ndarray, ppi: int = 500, min_quality: int = THRESHOLDS.min_quality) -> QualityReport:
    """NFIQ 2 quality of one impression and the instruction that goes with it."""
    return report_from(pixels, extract(pixels, ppi), min_quality)
