"""Bozorth3 over the kept templates tells the same finger from two different fingers."""

from __future__ import annotations

import pytest

from enrollment.fingerprint.matching import match_images
from enrollment.fingerprint.thresholds import THRESHOLDS

from .prints import load, needs_fingers

pytestmark = needs_fingers


@pytest.mark.parametrize("a, b", [("fvc2002db1b_106_1", "fvc2002db1b_106_3"),
                                  ("fvc2002db1b_104_1", "fvc2002db1b_104_2"),
                                  ("neurotechuareu_027_7_1", "neurotechuareu_027_7_2")])
def test_two_impressions_of_the_same_finger_are_the_same_finger(a, b):
    result = match_images(load(a), load(b))
    assert result.same_finger and result.score >= THRESHOLDS.same_finger_score


@pytest.mark.parametrize("a, b", [("fvc2002db1b_106_1", "fvc2002db1b_105_2"),
                                  ("fvc2002db1b_104_1", "fvc2002db1b_107_1"),
                                  ("neurotechuareu_027_7_1", "neurotechuareu_017_1_2")])
def test_two_different_fingers_are_not(a, b):
    result = match_images(load(a), load(b))
    assert not result.same_finger and result.score < THRESHOLDS.same_finger_score
