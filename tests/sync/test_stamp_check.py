"""The fee stamp at the counter (sync.check_stamp) against the real CERT service: every verdict, with its
French message and next step, the reservation it leaves, and the CERT down."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cert.lookups.seed import FEE_STAMPS
from enrollment.fees import fee_due
from enrollment.model import CivilStatus, Dossier, Reason, TitleType
from sync import NextStep, SyncError, check_dossier_stamp, check_stamp, parse_fee_stamp_payload

TODAY = date(2026, 12, 4)
ADULT_PASSPORT = fee_due(TitleType.PASSPORT, Reason.FIRST, date(1990, 5, 17), TODAY)


def test_a_good_stamp_is_valid_and_reserved_for_the_dossier(client, cert_service):
    verdict = check_stamp(client, "4417 2039 1826 5530", ADULT_PASSPORT, "dossier-A")
    assert (verdict.outcome, verdict.next_step, verdict.may_continue) == ("valid", NextStep.PROCEED, True)
    assert verdict.amount == Decimal("86") and verdict.reserved_until is not None
    assert verdict.message.startswith("Timbre fiscal valide (86,00 €)")
    assert check_stamp(client, FEE_STAMPS["valid_86"], ADULT_PASSPORT, "dossier-A").outcome == "valid"  # again
    other = check_stamp(client, FEE_STAMPS["valid_86"], ADULT_PASSPORT, "dossier-B")
    assert (other.outcome, other.next_step) == ("consumed", NextStep.NEW_STAMP)
    assert "réservé pour un autre dossier" in other.message


def test_a_stamp_worth_less_than_due_is_insufficient_naming_both_amounts_and_is_not_held(client):
    verdict = check_stamp(client, FEE_STAMPS["valid_25"], ADULT_PASSPORT, "dossier-A")
    assert (verdict.outcome, verdict.next_step, verdict.may_continue) == ("insufficient", NextStep.NEW_STAMP, False)
    assert "(25,00 €)" in verdict.message and "(86,00 €)" in verdict.message
    loss = fee_due(TitleType.CNI, Reason.LOSS, date(1990, 5, 17), TODAY)  # 25 € is enough for a lost card
    assert check_stamp(client, FEE_STAMPS["valid_25"], loss, "dossier-B").outcome == "valid"


@pytest.mark.parametrize(("number", "outcome", "step", "words"), [
    (FEE_STAMPS["used"], "consumed", NextStep.NEW_STAMP, "Ce timbre fiscal a déjà été utilisé pour un autre dossier"),
    (FEE_STAMPS["expired"], "expired", NextStep.NEW_STAMP, "Ce timbre fiscal a expiré"),
    ("9999 9999 9999 9999", "unknown", NextStep.RETYPE, "Aucun timbre fiscal ne correspond"),
    ("12AB", "malformed", NextStep.RETYPE, "Ce numéro de timbre fiscal n'est pas valide"),
])
def test_a_stamp_that_cannot_pay_says_why_and_what_to_do(client, cert_service, number, outcome, step, words):
    verdict = check_stamp(client, number, ADULT_PASSPORT, "dossier-A")
    assert (verdict.outcome, verdict.next_step, verdict.may_continue) == (outcome, step, False)
    assert verdict.message.startswith(words)


def test_the_cert_down_is_a_verdict_the_agent_may_go_on_with(offline):
    verdict = check_stamp(offline, FEE_STAMPS["valid_86"], ADULT_PASSPORT, "dossier-A")
    assert (verdict.outcome, verdict.next_step) == ("unreachable", NextStep.PROCEED_TO_VERIFY)
    assert verdict.may_continue and verdict.to_verify and "vérifié par le CERT" in verdict.message


def test_the_dossier_owes_what_fee_due_says(client, cert_service):
    minor = Dossier(title=TitleType.PASSPORT, reason=Reason.FIRST, fee_stamp=FEE_STAMPS["valid_25"],
                    civil=CivilStatus(birth_date=date(2010, 1, 10)))  # 16 on TODAY: 42 €
    verdict = check_dossier_stamp(client, minor, TODAY)
    assert (verdict.outcome, verdict.due) == ("insufficient", Decimal("42"))
    adult = minor.model_copy(update={"fee_stamp": FEE_STAMPS["valid_86"], "civil": CivilStatus(
        birth_date=date(1990, 5, 17))})
    assert check_dossier_stamp(client, adult, TODAY).outcome == "valid"


@pytest.mark.parametrize(("payload", "number"), [
    (FEE_STAMPS["valid_86"], FEE_STAMPS["valid_86"]),
    (f"TFE;N={FEE_STAMPS['valid_86']};M=86;D=20261130", FEE_STAMPS["valid_86"]),
])
def test_a_flashcode_gives_its_only_16_digit_number(payload, number):
    assert parse_fee_stamp_payload(payload) == number


@pytest.mark.parametrize("payload", ["", "no digits", "123456789012345", f"{'1' * 16};{'2' * 16}", "1" * 32])
def test_a_flashcode_without_exactly_one_16_digit_number_is_refused(payload):
    with pytest.raises(SyncError) as caught:
        parse_fee_stamp_payload(payload)
    assert caught.value.code == "fee_stamp.flashcode_unreadable" and "16 chiffres" in caught.value.message
