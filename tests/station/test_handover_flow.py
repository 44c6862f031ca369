"""What a hand-over requires, for each kind of holder (station/handover_flow.py, no Qt): the record it
makes is the one the CERT accepts, and nothing is handed over before every requirement is met."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from enrollment.errors import EnrollmentError
from station.handover_flow import HandoverFlow, title_number
from sync.delivery_replies import HolderCheck, HolderFinger, HolderNames
from sync.errors import SyncError

PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)


def holder(*, check: bool, minor: bool = False, under_12: bool = False, exception: str | None = None,
           enrolled: tuple[str, ...] = ("02", "07")) -> HolderCheck:
    return HolderCheck(number="X4RTBPFW4", kind="cni", holder=HolderNames(surname="MARTIN", given_names="Léa"),
                       birth_date="2015-06-01", photo_jpeg=b"\xff\xd8", enrolled_positions=list(enrolled),
                       fingers=[HolderFinger(position="02", exception=exception), HolderFinger(position="07",
                                                                                          exception=None)],
                       fingerprint_check=check, minor=minor, under_12=under_12)


def test_a_child_under_12_is_handed_over_on_the_face_with_a_parent_and_no_signature():
    flow = HandoverFlow(holder(check=False, minor=True, under_12=True, enrolled=()), {})
    assert not flow.fingerprint_check and not flow.signs
    flow.face_checked = True
    assert not flow.ready  # a minor's title waits for the parent's identity
    flow.set_parent("MARTIN", "Paul", "père", "CNI 123456789")
    record = flow.record("k", "AG-0001", datetime.now(UTC))
    assert record.decision == "face_only_minor_under_12" and record.parental_authority is not None
    assert record.scores == {} and record.signature_png is None and record.reason


def test_a_holder_without_any_enrolled_print_is_checked_on_the_face_and_signs():
    flow = HandoverFlow(holder(check=False, enrolled=()), {})
    flow.face_checked = True
    assert flow.signs and not flow.ready
    flow.signature_png = PNG
    assert flow.record("k", "AG-0001", datetime.now(UTC)).decision == "face_only_exception"


def test_an_exception_finger_is_not_asked_for():
    flow = HandoverFlow(holder(check=True, exception="amputation"), {"02": b"t2", "07": b"t7"})
    assert flow.positions == ["7"] and flow.fingerprint_check


def test_nothing_is_handed_over_before_the_fingers_match():
    flow = HandoverFlow(holder(check=True), {"02": b"t2", "07": b"t7"})
    flow.face_checked, flow.signature_png = True, PNG
    assert not flow.ready
    with pytest.raises(SyncError):
        flow.record("k", "AG-0001", datetime.now(UTC))
    flow.presentations = flow.max_presentations
    assert not flow.may_present and "Aucune concordance" in flow.next_step()


def test_the_title_is_found_by_its_envelope_or_its_number_and_a_bad_one_is_refused_in_french():
    assert title_number("ev x4rt-bpfw4 6") == "X4RTBPFW4"
    assert title_number("x4rtbpfw4") == "X4RTBPFW4"
    for wrong, code in (("EVX4RTBPFW47", "envelope.misread"), ("X4RT", "title.malformed")):
        with pytest.raises(SyncError) as caught:
            title_number(wrong)
        assert caught.value.code == code and caught.value.message


def test_the_old_titles_number_is_checked_and_recorded_as_cancelled():
    flow = HandoverFlow(holder(check=False, enrolled=()), {})
    with pytest.raises(SyncError):
        flow.set_old_title("12AB")
    flow.set_old_title("21ab12345")
    flow.face_checked, flow.signature_png = True, PNG
    record = flow.record("k", "AG-0001", datetime.now(UTC))
    assert record.old_title_number == "21AB12345" and record.old_title_cancelled


def test_after_three_failed_presentations_only_a_supervisor_with_a_reason_hands_the_title_over():
    flow = HandoverFlow(holder(check=True), {"02": b"t2", "07": b"t7"})
    flow.face_checked, flow.signature_png = True, PNG
    flow.override("AG-0002", "motif")  # too early: presentations remain
    assert not flow.overridden
    flow.presentations = flow.max_presentations
    flow.override("AG-0002", "  ")
    assert not flow.ready
    flow.override("AG-0002", "empreintes abîmées (brûlure), visage et ancien titre concordants")
    record = flow.record("k", "AG-0001", datetime.now(UTC))
    assert record.decision == "supervisor_override" and record.supervisor_id == "AG-0002"
    assert record.reason.startswith("empreintes abîmées")


def _td1(number: str) -> str:
    from mrz.generator.td1 import TD1CodeGenerator

    return str(TD1CodeGenerator("ID", "FRA", number, "900517", "F", "300101", "FRA", "MARTIN", "LEA"))


def test_the_old_title_is_read_from_its_mrz_and_a_misread_check_digit_is_refused():
    flow = HandoverFlow(holder(check=False, enrolled=()), {})
    flow.set_old_title(_td1("X4RTBPFW4"))
    assert flow.old_title == "X4RTBPFW4"
    flow.set_old_title(_td1("X4RTBPFW4").replace("\n", ""))  # typed on one line by a wedge reader
    assert flow.old_title == "X4RTBPFW4"
    misread = _td1("X4RTBPFW4").replace("X4RTBPFW46", "X4RTBPFW45")  # the number's check digit
    with pytest.raises(EnrollmentError) as caught:
        flow.set_old_title(misread)
    assert caught.value.code == "mrz.check_digit" and "chiffre de contrôle" in caught.value.message
    with pytest.raises(EnrollmentError) as caught:
        flow.set_old_title("IDFRAX4RTBPFW4<<<")
    assert caught.value.code == "mrz.malformed"
