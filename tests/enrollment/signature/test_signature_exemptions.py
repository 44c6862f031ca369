"""Exemptions: the age rule (a setting) and the mentions; validation accepts them only where they fit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from devstation.factories import complete_dossier
from enrollment.rules import DEFAULT_RULES
from enrollment.signature import SignatureExemption, exempted, too_young_to_sign
from enrollment.validation import validate

TODAY = date(2025, 6, 1)


def signature_codes(d) -> list[str]:
    return [p.code for p in validate(d, TODAY) if p.step == "signature"]


def test_the_age_rule_decides_who_is_offered_the_child_exemption():
    assert too_young_to_sign(date(2015, 6, 2), TODAY)  # 9 years old
    assert not too_young_to_sign(date(2013, 6, 1), TODAY)  # 12 today
    assert not too_young_to_sign(None, TODAY)
    older_rule = replace(DEFAULT_RULES, signature_min_age=14)
    assert too_young_to_sign(date(2013, 6, 1), TODAY, older_rule)


def test_mentions_are_recorded_as_the_title_office_reads_them():
    child = exempted(SignatureExemption.CHILD)
    assert child.exemption == "Dispensé de signature : enfant de moins de 12 ans"
    assert child.png is None and child.exemption_reason is SignatureExemption.CHILD
    unable = exempted(SignatureExemption.UNABLE)
    assert unable.exemption == "Dispensé de signature : personne dans l'impossibilité de signer"


def test_a_child_exemption_for_a_child_completes_the_dossier():
    d = complete_dossier()
    d.civil.birth_date = date(2017, 1, 1)
    d.fingerprints = []
    d.signature = exempted(SignatureExemption.CHILD)
    assert signature_codes(d) == []


def test_a_child_exemption_for_an_adult_is_refused():
    d = complete_dossier()
    d.civil.birth_date = date(1990, 1, 1)
    d.signature = exempted(SignatureExemption.CHILD)
    assert signature_codes(d) == ["signature.exemption_child_age"]


def test_an_adult_unable_to_sign_is_exempted():
    d = complete_dossier()
    d.civil.birth_date = date(1940, 1, 1)
    d.signature = exempted(SignatureExemption.UNABLE)
    assert signature_codes(d) == []
