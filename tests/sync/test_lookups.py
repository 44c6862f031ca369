"""The station's lookup clients against the real CERT service: results, and each refusal in French."""

from __future__ import annotations

from datetime import date

import pytest

from cert.lookups.seed import FEE_STAMPS, PRE_APPLICATIONS, TITLES
from cert.lookups.titles import envelope_barcode
from devstation.cert_service import CertService
from sync import (
    BirthData,
    check_fee_stamp,
    consume_fee_stamp,
    fetch_pre_application,
    fetch_title_status,
    register_envelope,
    verify_birth_record,
)
from tests.sync.conftest import refused


def test_a_pre_application_typed_loosely_prefills_the_dossier(client):
    typed = PRE_APPLICATIONS["valid"].lower()[:5] + " " + PRE_APPLICATIONS["valid"][5:]
    pre = fetch_pre_application(client, typed)
    assert pre.civil["surname"] == "DUPONT" and pre.address["city"] == "DIJON" and pre.title == "cni"


@pytest.mark.parametrize(("number", "code", "words"), [
    (PRE_APPLICATIONS["expired"], "pre_application.expired",
     "Ce numéro de pré-demande a expiré : le demandeur doit refaire sa pré-demande en ligne ou remplir le Cerfa"),
    (PRE_APPLICATIONS["used"], "pre_application.used", "Cette pré-demande a déjà servi"),
    ("ZZZZZZZZZZ", "pre_application.unknown", "Aucune pré-demande"),
])
def test_pre_application_refusals_say_what_to_do(client, number, code, words):
    err = refused(fetch_pre_application, client, number)
    assert (err.code, err.retryable) == (code, False) and err.message.startswith(words)


def test_malformed_inputs_are_refused_before_any_request(client, cert_service: CertService):
    cert_service.stop()
    assert refused(fetch_pre_application, client, "ABC").code == "pre_application.malformed"
    assert refused(check_fee_stamp, client, "1234").code == "fee_stamp.malformed"
    assert refused(fetch_title_status, client, "X4RT").code == "title.malformed"
    assert refused(register_envelope, client, TITLES["sent_cni"]).code == "envelope.malformed"
    assert refused(verify_birth_record, client, BirthData("", "Jeanne", "F", date(1990, 5, 17), "21231")).code == (
        "comedec.malformed")


def test_cert_down_is_retryable(client, cert_service: CertService):
    cert_service.stop()
    err = refused(fetch_title_status, client, TITLES["sent_cni"])
    assert (err.code, err.retryable) == ("lookup.unreachable", True) and "Réessayez" in err.message


def test_a_fee_stamp_is_checked_then_consumed_once(client):
    stamp = check_fee_stamp(client, "4417 2039 1826 5530")
    assert (stamp.amount_cents, stamp.status) == (8600, "valid")
    assert consume_fee_stamp(client, FEE_STAMPS["valid_86"], "dossier-1").used_by == "dossier-1"
    assert consume_fee_stamp(client, FEE_STAMPS["valid_86"], "dossier-1").status == "used"  # resend: fine
    assert check_fee_stamp(client, FEE_STAMPS["valid_86"], dossier_id="dossier-1").status == "used"
    assert refused(check_fee_stamp, client, FEE_STAMPS["valid_86"]).code == "fee_stamp.used"
    assert refused(consume_fee_stamp, client, FEE_STAMPS["valid_86"], "dossier-2").code == "fee_stamp.used"
    err = refused(check_fee_stamp, client, FEE_STAMPS["expired"])
    assert err.code == "fee_stamp.expired" and "acheter un nouveau" in err.message
    assert refused(consume_fee_stamp, client, FEE_STAMPS["expired"], "dossier-3").code == "fee_stamp.expired"
    assert refused(check_fee_stamp, client, "9" * 16).code == "fee_stamp.unknown"


def test_comedec_outcomes(client):
    ok = verify_birth_record(client, BirthData("Dupont", "Jeanne Marie", "F", date(1990, 5, 17), "21231"))
    assert ok.status == "verified" and not ok.paper_certificate_needed
    typo = verify_birth_record(client, BirthData("Dupont", "Jeanne", "F", date(1990, 5, 17), None, "Dijon"))
    assert (typo.status, typo.fields) == ("mismatch", ("given_names",)) and typo.paper_certificate_needed
    far = verify_birth_record(client, BirthData("Dupont", "Jeanne", "F", date(1990, 5, 17), "21003"))
    assert far.status == "commune_not_connected"


def test_title_status_and_envelope_reception(client):
    assert fetch_title_status(client, TITLES["sent_passport"]).kind == "passport"
    assert refused(fetch_title_status, client, "AAAAAAAAA").code == "title.unknown"
    first = register_envelope(client, envelope_barcode(TITLES["sent_cni"]).lower())
    assert first.first_scan and first.title.status == "received" and first.title.collect_before is not None
    again = register_envelope(client, envelope_barcode(TITLES["sent_cni"]))
    assert not again.first_scan and again.title.status_at == first.title.status_at
    assert refused(register_envelope, client, envelope_barcode(TITLES["in_production"])).code == "envelope.not_sent"
    assert refused(register_envelope, client, envelope_barcode("AAAAAAAAA")).code == "envelope.unknown"
