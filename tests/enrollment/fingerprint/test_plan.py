"""The capture plan: two prints in the order of preference, best of three tries, exceptions confirmed by the
agent, the same finger refused for the second print. Tries are real prints processed by NBIS/NFIQ 2."""

from __future__ import annotations

from datetime import date

import pytest

from devstation.factories import complete_dossier
from enrollment.errors import EnrollmentError
from enrollment.fingerprint.impression import Impression, process
from enrollment.fingerprint.model import FingerException, FingerPosition, Fingerprint
from enrollment.fingerprint.order import next_finger, plan_complete
from enrollment.fingerprint.plan import CapturePlan, Outcome
from enrollment.validation import validate

from .prints import load, needs_fingers

pytestmark = needs_fingers
P = FingerPosition
AGENT = "AG-0001"


def try_finger(plan: CapturePlan, name: str) -> Impression:
    assert plan.current is not None
    return process(load(name), 500, plan.current, plan.kept_templates(), plan.settings.min_quality)


def exception(position: FingerPosition) -> Fingerprint:
    return Fingerprint(position=position, exception=FingerException.AMPUTATED, exception_confirmed_by=AGENT)


def test_both_index_fingers_are_asked_first_and_a_good_try_is_kept_at_once():
    plan = CapturePlan()
    assert plan.current is P.RIGHT_INDEX
    result = plan.record_try(try_finger(plan, "fvc2002db1b_102_4"))  # NFIQ 2 84
    assert result.outcome is Outcome.ACCEPTED and result.tries == 1
    assert plan.current is P.LEFT_INDEX
    assert plan.record_try(try_finger(plan, "fvc2002db1b_107_1")).outcome is Outcome.ACCEPTED
    assert plan.done
    kept = plan.records()
    assert [r.position for r in kept] == [P.RIGHT_INDEX, P.LEFT_INDEX]
    assert all(r.wsq and r.template and r.quality >= 40 for r in kept)


def test_three_poor_tries_leave_the_decision_to_the_agent_and_the_best_is_kept():
    plan = CapturePlan()
    outcomes = [plan.record_try(try_finger(plan, n)).outcome
                for n in ("fvc2002db1b_109_6", "fvc2002db1b_109_8", "fvc2002db1b_109_4")]  # NFIQ 2 15, 33, 27
    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.DECIDE]
    assert plan.tries_left == 0 and plan.current is P.RIGHT_INDEX
    with pytest.raises(EnrollmentError) as caught:
        plan.record_try(try_finger(plan, "fvc2002db1b_109_1"))
    assert caught.value.code == "fingerprint.no_tries_left"
    kept = plan.accept()
    assert (kept.position, kept.quality, kept.tries) == (P.RIGHT_INDEX, 33, 3)
    assert plan.current is P.LEFT_INDEX


def test_a_good_try_after_a_poor_one_is_accepted():
    plan = CapturePlan()
    assert plan.record_try(try_finger(plan, "fvc2002db1b_101_4")).outcome is Outcome.RETRY  # 30
    result = plan.record_try(try_finger(plan, "fvc2002db1b_101_1"))  # 65
    assert result.outcome is Outcome.ACCEPTED
    assert plan.records()[0].quality == 65 and plan.records()[0].tries == 2


@pytest.mark.parametrize("reason", list(FingerException))
def test_each_exception_is_recorded_with_its_reason_and_the_agent_and_moves_on(reason):
    plan = CapturePlan()
    record = plan.declare_exception(reason, AGENT)
    assert (record.position, record.exception, record.exception_confirmed_by) == (P.RIGHT_INDEX, reason, AGENT)
    assert record.wsq is None and not record.captured
    assert plan.current is P.RIGHT_MIDDLE  # the same hand's middle finger


def test_an_exception_needs_the_agent_confirmation():
    plan = CapturePlan()
    with pytest.raises(EnrollmentError) as caught:
        plan.declare_exception(FingerException.BANDAGED_OR_INJURED, " ")
    assert caught.value.code == "fingerprint.unconfirmed"
    assert plan.current is P.RIGHT_INDEX and plan.records() == []


def test_fallback_order_middle_then_ring_then_the_other_hand():
    records: list[Fingerprint] = []
    asked = []
    for _ in range(6):
        finger = next_finger(records)
        if finger is None:
            break
        asked.append(finger)
        records.append(exception(finger))
    # Right hand exhausted before the left is asked for; nothing else after the six candidates.
    assert asked == [P.RIGHT_INDEX, P.RIGHT_MIDDLE, P.RIGHT_RING, P.LEFT_INDEX, P.LEFT_MIDDLE, P.LEFT_RING]
    assert next_finger(records) is None and plan_complete(records)


def test_a_hand_that_gives_nothing_is_replaced_by_another_finger_of_the_other_hand():
    plan = CapturePlan()
    for _ in range(3):
        plan.declare_exception(FingerException.AMPUTATED, AGENT)
    assert plan.current is P.LEFT_INDEX
    assert plan.record_try(try_finger(plan, "fvc2002db1b_107_1")).outcome is Outcome.ACCEPTED
    assert plan.current is P.LEFT_MIDDLE  # the second print comes from the same, other, hand
    assert plan.record_try(try_finger(plan, "fvc2002db1b_108_3")).outcome is Outcome.ACCEPTED
    assert plan.done
    assert [r.position for r in plan.records() if r.captured] == [P.LEFT_INDEX, P.LEFT_MIDDLE]


def test_the_same_finger_presented_twice_is_refused_and_two_different_fingers_are_kept():
    plan = CapturePlan()
    plan.record_try(try_finger(plan, "fvc2002db1b_106_1"))
    assert plan.current is P.LEFT_INDEX
    same = plan.record_try(try_finger(plan, "fvc2002db1b_106_3"))  # another impression of the same finger
    assert same.outcome is Outcome.SAME_FINGER and same.same_as is P.RIGHT_INDEX
    assert plan.current is P.LEFT_INDEX and plan.tries == ()  # refused, not counted
    other = plan.record_try(try_finger(plan, "fvc2002db1b_105_2"))
    assert other.outcome is Outcome.ACCEPTED and plan.done


def test_a_try_for_another_finger_than_the_one_asked_is_refused():
    plan = CapturePlan()
    wrong = process(load("fvc2002db1b_105_2"), 500, P.LEFT_INDEX, {})
    with pytest.raises(EnrollmentError) as caught:
        plan.record_try(wrong)
    assert caught.value.code == "fingerprint.wrong_finger"


def test_a_plan_resumes_from_the_dossier_records():
    first = CapturePlan()
    first.declare_exception(FingerException.TEMPORARILY_UNABLE, AGENT)
    first.record_try(try_finger(first, "fvc2002db1b_104_1"))
    resumed = CapturePlan(first.records())
    assert resumed.current is P.LEFT_INDEX
    assert set(resumed.kept_templates()) == {P.RIGHT_MIDDLE}


def test_age_rule_no_prints_under_12_prints_from_12():
    today = date(2025, 6, 1)
    child = complete_dossier(birth=date(2014, 6, 2))  # 10 years
    assert "fingerprints.not_expected" in {p.code for p in validate(child, today)}
    child.fingerprints = []
    assert "fingerprints.not_expected" not in {p.code for p in validate(child, today)}
    twelve = complete_dossier(birth=date(2013, 6, 1))  # 12 today
    twelve.fingerprints = twelve.fingerprints[:1]
    assert "fingerprints.missing" in {p.code for p in validate(twelve, today)}


def test_validation_accepts_exceptions_for_every_finger_of_the_plan_but_not_fewer():
    today = date(2025, 6, 1)
    d = complete_dossier()
    d.fingerprints = [exception(p) for p in (P.RIGHT_INDEX, P.RIGHT_MIDDLE, P.RIGHT_RING, P.LEFT_INDEX)]
    assert "fingerprints.missing" in {p.code for p in validate(d, today)}
    d.fingerprints = d.fingerprints + [exception(P.LEFT_MIDDLE), exception(P.LEFT_RING)]
    assert "fingerprints.missing" not in {p.code for p in validate(d, today)}
