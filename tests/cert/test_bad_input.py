"""Bad input gets a clear 4xx refusal from the CERT, never a 500 nor a silent acceptance."""

from __future__ import annotations

import hashlib

import pytest
import requests

from cert.ephoto import seed_code
from cert.intake import MAGIC
from cert.lookups.seed import FEE_STAMPS, TITLES
from cert.lookups.titles import envelope_barcode
from devstation.cert_service import CertService

SHA = "0" * 64
DEEP = "[" * 3000 + "]" * 3000  # json.loads raises RecursionError near 1000; 6 KB fits the 8 KiB limit


def _refusal(r: requests.Response) -> tuple[int, str]:
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["detail"]
    return r.status_code, body["error"]


@pytest.mark.parametrize(("path", "code"), [
    ("/v1/uploads/deep-1", "upload_bad_request"),
    (f"/v1/ephoto/{seed_code('valid-0')}/consume", "ephoto_bad_request"),
    (f"/v1/fee-stamps/{FEE_STAMPS['valid_86']}/consume", "fee_stamp_bad_request"),
    ("/v1/envelopes/received", "envelope_bad_request"),
    ("/v1/comedec/verify", "comedec_bad_request"),
])
def test_deeply_nested_json_is_a_400(path: str, code: str, http: requests.Session,
                                     cert_service: CertService) -> None:
    for body in (DEEP, '{"dossier_id": ' + DEEP + "}"):
        r = http.post(cert_service.url + path, data=body, headers={"Content-Type": "application/json"}, timeout=10)
        assert _refusal(r) == (400, code)


def test_deeply_nested_package_header_is_a_400(http: requests.Session, cert_service: CertService) -> None:
    package = MAGIC + b"[" * 4000 + b"\n" + b"x" * 32
    r = http.put(f"{cert_service.url}/v1/dossiers/deep-2", data=package, timeout=10,
                 headers={"Content-SHA256": hashlib.sha256(package).hexdigest()})
    assert _refusal(r) == (400, "malformed_package")


@pytest.mark.parametrize("offset", ["²", "¹", "0²", "+1", "1 2"])
def test_upload_offset_takes_ascii_digits_only(offset: str, http: requests.Session,
                                               cert_service: CertService) -> None:
    url = f"{cert_service.url}/v1/uploads/offset-1"
    assert http.post(url, json={"size": 10, "sha256": SHA}, timeout=10).status_code == 201
    # "²" and "¹" are digits to str.isdigit() (int() then raises); the header travels as Latin-1.
    r = http.patch(url, data=b"x", headers={"Upload-Offset": offset.encode("latin-1")}, timeout=10)
    assert _refusal(r) == (400, "bad_offset")


@pytest.mark.parametrize(("method", "path", "body", "expected"), [
    ("POST", "/v1/uploads/key%0A", {"size": 10, "sha256": SHA}, (400, "invalid_key")),
    ("PATCH", "/v1/uploads/key%0A", None, (400, "invalid_key")),
    ("GET", f"/v1/fee-stamps/{FEE_STAMPS['valid_86']}%0A", None, (400, "fee_stamp_malformed")),
    ("GET", f"/v1/titles/{TITLES['sent_cni']}%0A", None, (400, "title_malformed")),
    ("GET", f"/v1/ephoto/{seed_code('valid-0')}%0A", None, (400, "ephoto_malformed")),
    ("POST", "/v1/envelopes/received", {"barcode": envelope_barcode(TITLES["sent_cni"]) + "\n"},
     (400, "envelope_malformed")),
])
def test_a_trailing_newline_does_not_pass_a_pattern(method: str, path: str, body: dict | None,
                                                    expected: tuple[int, str], http: requests.Session,
                                                    cert_service: CertService) -> None:
    r = http.request(method, cert_service.url + path, json=body, timeout=10,
                     headers={"Upload-Offset": "0"} if method == "PATCH" else None)
    assert _refusal(r) == expected


def test_unknown_fields_are_refused_by_name(http: requests.Session, cert_service: CertService) -> None:
    r = http.post(f"{cert_service.url}/v1/uploads/extra-1", json={"size": 10, "sha256": SHA, "sise": 11},
                  timeout=10)
    assert _refusal(r) == (400, "upload_bad_request")
    assert "sise" in r.json()["detail"]
    r = http.post(f"{cert_service.url}/v1/fee-stamps/{FEE_STAMPS['valid_86']}/consume", timeout=10,
                  json={"dossier_id": "d-1", "dossierId": "d-1"})
    assert _refusal(r) == (400, "fee_stamp_bad_request") and "dossierId" in r.json()["detail"]


@pytest.mark.parametrize("body", [
    {"size": "10", "sha256": SHA}, {"size": True, "sha256": SHA}, {"size": 10.0, "sha256": SHA},
    {"size": 10, "sha256": 0}, [], "size", None,
])
def test_wrong_json_types_are_refused_not_coerced(body: object, http: requests.Session,
                                                  cert_service: CertService) -> None:
    r = http.post(f"{cert_service.url}/v1/uploads/types-1", json=body, timeout=10)
    assert _refusal(r) == (400, "upload_bad_request")


def test_wrong_types_in_lookup_bodies(http: requests.Session, cert_service: CertService) -> None:
    url = cert_service.url
    assert _refusal(http.post(f"{url}/v1/ephoto/{seed_code('valid-0')}/consume", json={"dossier_id": 5},
                              timeout=10)) == (400, "ephoto_bad_request")
    assert _refusal(http.post(f"{url}/v1/envelopes/received", json={"barcode": ["EV"]},
                              timeout=10)) == (400, "envelope_bad_request")
    r = http.post(f"{url}/v1/comedec/verify", timeout=10, json={
        "surname": "DUPONT", "given_names": "Jeanne", "sex": "F", "birth_date": 19900517,
        "birth_commune_insee": "21231"})
    assert _refusal(r) == (400, "comedec_bad_request") and "birth_date" in r.json()["detail"]
