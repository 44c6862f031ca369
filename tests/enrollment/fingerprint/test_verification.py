"""The hand-over decision on real development prints: the holder's two fingers match their enrolled
templates, another person's do not, and a poor first presentation does not refuse an honest holder."""

from __future__ import annotations

import pytest

from enrollment.errors import EnrollmentError
from enrollment.fingerprint.thresholds import THRESHOLDS
from enrollment.fingerprint.verification import templates_of, verify, verify_images
from tests.enrollment.fingerprint.prints import load, needs_fingers

pytestmark = needs_fingers


def templates(*stems: str) -> list[bytes]:
    return list(templates_of([load(s) for s in stems]))


@pytest.fixture(scope="module")
def enrolled() -> list[list[bytes]]:
    return [[t] for t in templates("fvc2002db1b_101_1", "fvc2002db1b_102_1")]


def test_the_holder_s_two_fingers_match(enrolled):
    r = verify(enrolled, [templates("fvc2002db1b_101_4", "fvc2002db1b_102_4")])
    assert r.matched and r.presentations_used == 1 and r.fingers == 2
    assert r.fused_score == sum(r.scores[0]) >= r.threshold == THRESHOLDS.verify_fused_score


def test_another_person_s_fingers_do_not_match_even_in_three_presentations(enrolled):
    others = [templates(f"fvc2002db1b_103_{k}", f"fvc2002db1b_104_{k}") for k in (2, 3, 4)]
    r = verify(enrolled, others)
    assert not r.matched and r.presentations_used == 3 and r.fused_score < r.threshold


def test_only_the_third_presentation_good_is_a_match(enrolled):
    wrong = templates("fvc2002db1b_105_2", "fvc2002db1b_106_2")  # the wrong fingers laid first
    poor = templates("fvc2002db1b_101_5", "fvc2002db1b_102_5")  # the holder's, distorted: below the threshold
    r = verify(enrolled, [wrong, poor, templates("fvc2002db1b_101_3", "fvc2002db1b_102_3")])
    assert r.matched and r.presentations_used == 3 and r.fused[1] < r.threshold
    assert r.fused[0] < r.threshold <= r.fused[2] == r.fused_score


def test_images_are_extracted_only_until_a_presentation_matches(enrolled):
    good = [load("fvc2002db1b_101_3"), load("fvc2002db1b_102_3")]
    r = verify_images(enrolled, [good, good, good])
    assert r.matched and r.presentations_used == 1 and len(r.scores) == 1


def test_one_enrolled_finger_is_judged_alone_against_its_own_threshold():
    only = [templates("fvc2002db1b_101_1")]
    genuine = verify(only, [templates("fvc2002db1b_101_4")])
    impostor = verify(only, [templates(f"fvc2002db1b_107_{k}") for k in (2, 3, 4)])
    assert genuine.matched and genuine.fingers == 1
    assert genuine.threshold == THRESHOLDS.verify_single_finger_score < THRESHOLDS.verify_fused_score
    assert not impostor.matched


def test_a_second_enrolled_impression_is_used(enrolled):
    probe = templates("fvc2002db1b_101_6", "fvc2002db1b_102_6")
    one = verify(enrolled, [probe])
    two = verify([[*f, t] for f, t in zip(enrolled, templates("fvc2002db1b_101_2", "fvc2002db1b_102_2"),
                                            strict=True)], [probe])
    assert all(b >= a for a, b in zip(one.scores[0], two.scores[0], strict=True))


@pytest.mark.parametrize(("enrolled_count", "presented", "code"), [
    (0, [[]], "fingerprint.verify.no_finger"),
    (3, [[b"", b"", b""]], "fingerprint.verify.too_many_fingers"),
    (2, [], "fingerprint.verify.presentations"),
    (2, [[b"", b""]] * 4, "fingerprint.verify.presentations"),
    (2, [[b""]], "fingerprint.verify.finger_count"),
])
def test_inputs_no_decision_can_rest_on_are_refused_in_french(enrolled_count, presented, code):
    with pytest.raises(EnrollmentError) as refused:
        verify([[b"x"]] * enrolled_count, presented)
    assert refused.value.code == code and refused.value.message.endswith(".")


def test_three_enrolled_impressions_of_a_finger_are_refused(enrolled):
    with pytest.raises(EnrollmentError, match="too_many_impressions"):
        verify([enrolled[0] * 3, enrolled[1]], [[b"", b""]])
