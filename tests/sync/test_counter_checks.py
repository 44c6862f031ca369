"""The birth data (COMEDEC) and the pre-application's appointments checked at the counter against the real
CERT service: every verdict with its French message, and the CERT down as a verdict, never an exception."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cert.rdv_status import DEMO_TOKEN, SEEDED
from sync import BirthData, NextStep, check_appointments, check_birth, recheck_birth
from tests.sync.conftest import refused

BIRTH = BirthData("Dupont", "Jeanne-Marie", "F", date(1990, 5, 17), "21231")


@pytest.mark.parametrize(("data", "outcome", "fields", "words"), [
    (BIRTH, "confirmed", (), "Naissance vérifiée"),
    (replace(BIRTH, surname="DURAND", given_names="Paul"), "not_found", (), "La commune de naissance ne trouve pas"),
    (replace(BIRTH, given_names="Jeanne", sex="M"), "not_found", ("given_names", "sex"),
     "L'acte de naissance trouvé (COMEDEC) diffère de la saisie sur : prénoms, sexe."),
    (replace(BIRTH, birth_commune_insee="21003"), "not_connected", (), "La commune de naissance n'est pas raccordée"),
])
def test_birth_data_verdicts(client, cert_service, data, outcome, fields, words):
    verdict = check_birth(client, data)
    assert (verdict.outcome, verdict.fields) == (outcome, fields)
    assert verdict.message.startswith(words)
    assert verdict.paper_certificate_needed == (outcome != "confirmed")


def test_the_cert_down_leaves_the_birth_to_verify_and_the_recheck_confirms_it_later(offline, client, cert_service):
    for check in (check_birth, recheck_birth):
        verdict = check(offline, BIRTH)
        assert (verdict.outcome, verdict.next_step) == ("unreachable", NextStep.PROCEED_TO_VERIFY)
        assert verdict.to_verify and verdict.paper_certificate_needed and "refaite avant l'envoi" in verdict.message
    assert recheck_birth(client, BIRTH).outcome == "confirmed"


@pytest.mark.parametrize(("label", "outcome", "step", "words"), [
    ("single", "ok", NextStep.PROCEED, "Pré-demande valide"),
    ("declared", "ok", NextStep.PROCEED, "Pré-demande valide"),
    ("consumed", "consumed", NextStep.NEW_PRE_APPLICATION, "Cette pré-demande a déjà servi"),
    ("expired", "expired", NextStep.NEW_PRE_APPLICATION, "Cette pré-demande a expiré"),
])
def test_appointment_verdicts(client, cert_service, label, outcome, step, words):
    verdict = check_appointments(client, SEEDED[label], token=DEMO_TOKEN)
    assert (verdict.outcome, verdict.next_step, verdict.appointments) == (outcome, step, ())
    assert verdict.message.startswith(words)


def test_a_number_booked_in_three_mairies_is_a_duplicate_listing_them(client, cert_service):
    verdict = check_appointments(client, SEEDED["duplicate"].lower(), token=DEMO_TOKEN)
    assert (verdict.outcome, verdict.next_step) == ("duplicate", NextStep.CANCEL_OTHER_APPOINTMENTS)
    assert [a.meeting_point for a in verdict.appointments] == ["Mairie de Dijon", "Mairie de Beaune",
                                                               "Mairie de Chenôve"]
    beaune = verdict.appointments[1]
    assert verdict.message.startswith("Ce numéro de pré-demande a 3 rendez-vous : Mairie de Dijon le ")
    assert f"Mairie de Beaune le {beaune.at:%d/%m/%Y} à {beaune.at:%H:%M}" in verdict.message


def test_an_unknown_number_asks_to_retype_it(client, cert_service):
    verdict = check_appointments(client, "ZZZZZZZZZZ", token=DEMO_TOKEN)
    assert (verdict.outcome, verdict.next_step) == ("unknown", NextStep.RETYPE)


def test_a_plain_session_reaches_the_status_api_by_url(http, cert_service):
    verdict = check_appointments(http, SEEDED["single"], token=DEMO_TOKEN, url=f"{cert_service.url}/ants/api/status")
    assert verdict.outcome == "ok"


def test_the_service_down_is_a_verdict_and_a_refused_token_an_error(offline, client, cert_service):
    verdict = check_appointments(offline, SEEDED["single"], token=DEMO_TOKEN)
    assert (verdict.outcome, verdict.to_verify, verdict.next_step) == ("unreachable", True, NextStep.PROCEED_TO_VERIFY)
    err = refused(check_appointments, client, SEEDED["single"], token="wrong")
    assert err.code == "appointments.token_refused" and "assistance technique" in err.message
    assert refused(check_appointments, client, "ABC", token=DEMO_TOKEN).code == "pre_application.malformed"
