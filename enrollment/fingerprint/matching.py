"""1:1 comparison of two prints with Bozorth3 and the station's same-finger decision."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .nbis_engine import bozorth3, extract
from .thresholds import THRESHOLDS


@dataclass(frozen=True)
class MatchResult:
    score: int  # Bozorth3, 0 = nothing in common
    threshold: int
    same_finger: bool  # score >= threshold


def decide(score: int, threshold: int = THRESHOLDS.same_finger_score) -> MatchResult:
    return MatchResult(score=score, threshold=threshold, same_finger=score >= threshold)


def match_templates(a: bytes, b: bytes, threshold: int = THRESHOLDS.same_finger_score) -> MatchResult:
    """Compare two ISO/IEC 19794-2:2005 templates."""
    return decide(bozorth3(a, b), threshold)


def match_images(a: np.ndarray, b: np.ndarray, ppi_a: int = 500, ppi_b: int = 500,
                 threshold: int = THRESHOLDS.same_finger_score) -> MatchResult:
    """Compare two grey fingerprint images (minutiae extracted from each)."""
    return match_templates(extract(a, ppi_a).template, extract(b, ppi_b).template, threshold)
