"""Renewal: the new photo against the previous title's photo. A warning on a likely mismatch, never a
refusal. Pairs from the set: the same person photographed years apart, and two different people."""

from __future__ import annotations

import numpy as np
import pytest

from enrollment.errors import EnrollmentError
from enrollment.face import renewal

from .images import face


def test_the_same_person_on_two_different_photos_matches():
    result = renewal.compare(face("hivision_test0.jpg"), face("deepface_img67.jpg"))
    assert not result.likely_mismatch
    assert "correspond" in renewal.verdict(result)


def test_two_different_people_are_flagged_as_a_likely_mismatch():
    result = renewal.compare(face("hivision_test0.jpg"), face("deepface_img30.jpg"))
    assert result.likely_mismatch and result.max_distance == 0.6
    assert renewal.verdict(result).startswith("Attention")


def test_an_old_title_without_a_face_says_to_scan_it_again():
    with pytest.raises(EnrollmentError) as err:
        renewal.compare(face(), np.full((600, 900, 3), 240, np.uint8))
    assert err.value.code == "photo.renewal_no_face"
