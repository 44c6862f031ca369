"""The CERT's lookups over real HTTPS with client certificates: each endpoint, each refusal, the SMS file,
and the published OpenAPI document."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from cert.cli import openapi_document
from cert.lookups.seed import FEE_STAMPS, PRE_APPLICATIONS, TITLES
from cert.lookups.sms import SMS_FILE, read_file
from cert.lookups.titles import check_digit, envelope_barcode
from devstation.cert_service import REPO_ROOT, CertService


def _status(r: requests.Response) -> tuple[int, str | None]:
    return r.status_code, r.json().get("error")


def test_a_pre_application_prefills_civil_status_address_and_contact(http, cert_service):
    r = http.get(f"{cert_service.url}/v1/pre-applications/{PRE_APPLICATIONS['valid']}", timeout=10)
    assert r.status_code == 200
    body = r.json()
    assert body["civil"]["surname"] == "DUPONT" and body["civil"]["birth_date"] == "1990-05-17"
    assert body["address"]["postcode"] == "21000" and body["contact"]["phone"].startswith("+33")
    assert body["title"] == "cni" and datetime.fromisoformat(body["expires_at"]) > datetime.now(UTC)


@pytest.mark.parametrize(("number", "expected"), [
    (PRE_APPLICATIONS["expired"], (410, "pre_application_expired")),
    (PRE_APPLICATIONS["used"], (409, "pre_application_used")),
    ("ZZZZZZZZZZ", (404, "pre_application_unknown")),
    ("pd7k2m9tr4", (400, "pre_application_malformed")),
    ("PD7K2M9TR", (400, "pre_application_malformed")),
])
def test_pre_application_refusals(http, cert_service, number, expected):
    assert _status(http.get(f"{cert_service.url}/v1/pre-applications/{number}", timeout=10)) == expected


def test_a_fee_stamp_check_gives_amount_date_and_status(http, cert_service):
    url = f"{cert_service.url}/v1/fee-stamps"
    valid = http.get(f"{url}/{FEE_STAMPS['valid_86']}", timeout=10).json()
    assert (valid["amount_eur"], valid["status"]) == ("86.00", "valid")
    assert http.get(f"{url}/{FEE_STAMPS['expired']}", timeout=10).json()["status"] == "expired"
    assert http.get(f"{url}/{FEE_STAMPS['used']}", timeout=10).json()["status"] == "used"
    assert _status(http.get(f"{url}/9999999999999999", timeout=10)) == (404, "fee_stamp_unknown")
    assert _status(http.get(f"{url}/12345", timeout=10)) == (400, "fee_stamp_malformed")


def test_a_fee_stamp_is_consumed_once_idempotently_for_its_dossier(http, cert_service):
    url = f"{cert_service.url}/v1/fee-stamps"

    def consume(number: str, dossier: str) -> requests.Response:
        return http.post(f"{url}/{number}/consume", json={"dossier_id": dossier}, timeout=10)

    first = consume(FEE_STAMPS["valid_25"], "dossier-A")
    assert first.status_code == 200 and first.json()["used_by"] == "dossier-A"
    again = consume(FEE_STAMPS["valid_25"], "dossier-A")
    assert again.status_code == 200 and again.json()["used_at"] == first.json()["used_at"]
    assert _status(consume(FEE_STAMPS["valid_25"], "dossier-B")) == (409, "fee_stamp_used")
    assert http.get(f"{url}/{FEE_STAMPS['valid_25']}", timeout=10).json()["status"] == "used"
    assert _status(consume(FEE_STAMPS["expired"], "dossier-C")) == (410, "fee_stamp_expired")
    assert _status(consume("9999999999999999", "dossier-C")) == (404, "fee_stamp_unknown")
    assert _status(consume("12AB", "dossier-C")) == (400, "fee_stamp_malformed")
    bad = http.post(f"{url}/{FEE_STAMPS['valid_86']}/consume", data=b"{}", timeout=10)
    assert _status(bad) == (400, "fee_stamp_bad_request")


BIRTH = {"surname": "Dupont", "given_names": "Jeanne-Marie", "sex": "F", "birth_date": "1990-05-17",
         "birth_commune_insee": "21231"}


@pytest.mark.parametrize(("change", "expected"), [
    ({}, ("verified", [])),
    ({"birth_commune_insee": None, "birth_commune": "DIJON"}, ("verified", [])),
    ({"surname": "N'Guyen Lefevre", "given_names": "ELODIE", "birth_date": "1985-11-30",
      "birth_commune_insee": "21054"}, ("verified", [])),  # accents, apostrophe, hyphen, case
    ({"given_names": "Jeanne"}, ("mismatch", ["given_names"])),
    ({"sex": "M"}, ("mismatch", ["sex"])),
    ({"surname": "DURAND", "given_names": "Paul"}, ("not_found", [])),
    ({"birth_commune_insee": "21003"}, ("commune_not_connected", [])),
])
def test_comedec_verifies_birth_data(http, cert_service, change, expected):
    r = http.post(f"{cert_service.url}/v1/comedec/verify", json={**BIRTH, **change}, timeout=10)
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["fields"]) == expected


@pytest.mark.parametrize("change", [{"sex": "Q"}, {"birth_date": "17/05/1990"}, {"birth_commune_insee": "2100"},
                                    {"birth_commune_insee": None}, {"surname": ""}])
def test_comedec_refuses_incomplete_birth_data(http, cert_service, change):
    r = http.post(f"{cert_service.url}/v1/comedec/verify", json={**BIRTH, **change}, timeout=10)
    assert _status(r) == (400, "comedec_bad_request")


@pytest.mark.parametrize(("label", "status"), [
    ("sent_cni", "sent"), ("sent_passport", "sent"), ("in_production", "in_production"),
    ("received", "received"), ("destroyed", "destroyed"), ("handed_over", "handed_over")])
def test_title_status(http, cert_service, label, status):
    body = http.get(f"{cert_service.url}/v1/titles/{TITLES[label]}", timeout=10).json()
    assert body["status"] == status
    assert (body["collect_before"] is not None) == (status in ("received", "destroyed"))


def test_title_refusals(http, cert_service):
    assert _status(http.get(f"{cert_service.url}/v1/titles/AAAAAAAAA", timeout=10)) == (404, "title_unknown")
    assert _status(http.get(f"{cert_service.url}/v1/titles/x4rtbpfw", timeout=10)) == (400, "title_malformed")


def test_envelope_barcode_is_ev_title_number_and_icao_check_digit():
    assert check_digit("L898902C3") == "6"  # ICAO 9303 part 3's specimen document number
    assert envelope_barcode("X4RTBPFW4") == "EVX4RTBPFW4" + check_digit("X4RTBPFW4")


def test_an_envelope_received_queues_exactly_one_sms_even_when_scanned_again(http, cert_service):
    url = f"{cert_service.url}/v1/envelopes/received"
    barcode = envelope_barcode(TITLES["sent_cni"])
    first = http.post(url, json={"barcode": barcode}, timeout=10)
    assert first.status_code == 200 and first.json()["title"]["status"] == "received"
    again = http.post(url, json={"barcode": barcode}, timeout=10)
    assert _status(again) == (409, "envelope_already_received")
    assert again.json()["title"]["status_at"] == first.json()["title"]["status_at"]
    cert_service.stop()
    cert_service.start()  # reseeding must not reset the receipt nor resend
    assert _status(http.post(url, json={"barcode": barcode}, timeout=10))[0] == 409
    http.post(url, json={"barcode": envelope_barcode(TITLES["sent_passport"])}, timeout=10)
    sms = read_file(cert_service.data_dir / SMS_FILE)
    assert [m.to for m in sms] == ["+33639980101", "+33639980102"]
    assert sms[0].text.startswith("Votre carte nationale d'identité est disponible en mairie (Mairie de Dijon)")
    assert "DUPONT" not in sms[0].text and TITLES["sent_cni"] not in sms[0].text
    out = subprocess.run([sys.executable, "-m", "cert.cli", "sms", "list", "--data-dir", str(cert_service.data_dir)],
                         capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert out.returncode == 0 and "2 SMS" in out.stdout and "passeport" in out.stdout


@pytest.mark.parametrize(("barcode", "expected"), [
    (envelope_barcode(TITLES["in_production"]), (409, "title_not_sent")),
    (envelope_barcode(TITLES["handed_over"]), (409, "title_handed_over")),
    (envelope_barcode("AAAAAAAAA"), (404, "envelope_unknown")),
    ("EVX4RTBPFW4" + str((int(check_digit("X4RTBPFW4")) + 1) % 10), (400, "envelope_malformed")),
    (TITLES["sent_cni"], (400, "envelope_malformed")),
])
def test_envelope_refusals_send_no_sms(http, cert_service, barcode, expected):
    assert _status(http.post(f"{cert_service.url}/v1/envelopes/received", json={"barcode": barcode},
                             timeout=10)) == expected
    assert read_file(cert_service.data_dir / SMS_FILE) == []


def test_published_openapi_document_is_up_to_date():
    published = json.loads((REPO_ROOT / "docs" / "cert-openapi.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(openapi_document())), (
        "regenerate it: uv run cert-server openapi > docs/cert-openapi.json")
    assert {"/v1/pre-applications/{number}", "/v1/envelopes/received"} <= set(published["paths"])


def test_sms_list_without_any_sms(tmp_path: Path):
    out = subprocess.run([sys.executable, "-m", "cert.cli", "sms", "list", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert out.returncode == 0 and "0 SMS" in out.stdout


def test_service_fixture_is_the_real_subprocess(cert_service: CertService):
    assert cert_service.running and (cert_service.data_dir / "lookups.sqlite3").is_file()
