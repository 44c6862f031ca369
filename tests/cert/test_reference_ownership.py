"""A station consumes references only for its own or its mairie's dossiers and envelopes, the
CERT records which station used what, and each station's open uploads are bounded (429 beyond)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from cert import uploads
from cert.ephoto import seed_code
from cert.lookups.seed import FEE_STAMPS, TITLES
from cert.lookups.titles import envelope_barcode
from devstation.cert_service import CertService
from installer.pki import PkiPaths
from tests.cert.titles_at_mairie import other_station
from tests.fixtures.pki import MAIRIE_INSEE, STATION_ID

SHA = "0" * 64
OTHER_MAIRIE_INSEE = "21054"  # Beaune: cert/lookups/seed.py has a title collected there
Station = Callable[[str, str], requests.Session]


@pytest.fixture
def station(pki: PkiPaths, tmp_path: Path) -> Iterator[Station]:
    """Sessions of further stations, with certificates issued as provisioning would (mairie in the
    organizationIdentifier)."""
    sessions: list[requests.Session] = []

    def make(station_id: str, insee: str) -> requests.Session:
        sessions.append(other_station(pki, tmp_path, station_id, insee).session)
        return sessions[-1]

    yield make
    for s in sessions:
        s.close()


def _consume_ephoto(s: requests.Session, svc: CertService, dossier: str, label: str = "valid-0") -> requests.Response:
    return s.post(f"{svc.url}/v1/ephoto/{seed_code(label)}/consume", json={"dossier_id": dossier}, timeout=10)


def _consume_stamp(s: requests.Session, svc: CertService, dossier: str, label: str = "valid_86"
                   ) -> requests.Response:
    return s.post(f"{svc.url}/v1/fee-stamps/{FEE_STAMPS[label]}/consume", json={"dossier_id": dossier}, timeout=10)


def _refusal(r: requests.Response) -> tuple[int, str]:
    return r.status_code, r.json().get("error")


def _one(svc: CertService, db: str, sql: str, *params: str) -> tuple:
    with sqlite3.connect(svc.data_dir / db) as conn:
        return conn.execute(sql, params).fetchone()


def test_another_mairie_cannot_consume_for_a_dossier_claimed_by_a_station(
        http: requests.Session, station: Station, cert_service: CertService) -> None:
    beaune = station("DR-21054-01", OTHER_MAIRIE_INSEE)
    dijon_2 = station("DR-21231-02", MAIRIE_INSEE)
    assert _consume_ephoto(http, cert_service, "dossier-1").status_code == 200
    assert _refusal(_consume_stamp(beaune, cert_service, "dossier-1")) == (403, "dossier_not_yours")
    assert _one(cert_service, "lookups.sqlite3", "SELECT used_by FROM fee_stamp WHERE number = ?",
                FEE_STAMPS["valid_86"]) == (None,)  # nothing consumed
    # A station of the same mairie may (a dossier taken at one counter and finished at the next).
    assert _consume_stamp(dijon_2, cert_service, "dossier-1").status_code == 200


def test_a_received_dossier_belongs_to_its_sealing_station(http: requests.Session, station: Station,
                                                           cert_service: CertService, make_package) -> None:
    package = make_package("sealed-1")
    r = http.put(f"{cert_service.url}/v1/dossiers/sealed-1", data=package, timeout=30,
                 headers={"Content-SHA256": hashlib.sha256(package).hexdigest()})
    assert r.status_code == 201
    beaune = station("DR-21054-01", OTHER_MAIRIE_INSEE)
    assert _refusal(_consume_ephoto(beaune, cert_service, "sealed-1")) == (403, "dossier_not_yours")
    assert _consume_ephoto(http, cert_service, "sealed-1").status_code == 200


def test_each_consumption_records_the_station(http: requests.Session, cert_service: CertService) -> None:
    assert _consume_ephoto(http, cert_service, "dossier-2").status_code == 200
    assert _consume_stamp(http, cert_service, "dossier-2").status_code == 200
    r = http.post(f"{cert_service.url}/v1/envelopes/received", timeout=10,
                  json={"barcode": envelope_barcode(TITLES["sent_cni"])})
    assert r.status_code == 200
    assert _one(cert_service, "ephoto.sqlite3", "SELECT used_by, used_by_station FROM ephoto WHERE code = ?",
                seed_code("valid-0")) == ("dossier-2", STATION_ID)
    assert _one(cert_service, "lookups.sqlite3", "SELECT used_by, used_by_station FROM fee_stamp WHERE number = ?",
                FEE_STAMPS["valid_86"]) == ("dossier-2", STATION_ID)
    assert _one(cert_service, "lookups.sqlite3", "SELECT received_by FROM title WHERE number = ?",
                TITLES["sent_cni"]) == (STATION_ID,)


def test_an_envelope_of_another_mairie_is_refused_and_left_untouched(
        http: requests.Session, station: Station, cert_service: CertService) -> None:
    url = f"{cert_service.url}/v1/envelopes/received"
    barcode = envelope_barcode(TITLES["sent_beaune"])
    assert _refusal(http.post(url, json={"barcode": barcode}, timeout=10)) == (403, "envelope_other_mairie")
    assert not (cert_service.data_dir / "sms.jsonl").exists()
    beaune = station("DR-21054-01", OTHER_MAIRIE_INSEE)
    # Read by its own mairie: another mairie may not read the title's status at all (GET /v1/titles/{number}).
    assert beaune.get(f"{cert_service.url}/v1/titles/{TITLES['sent_beaune']}", timeout=10).json()["status"] == "sent"
    assert beaune.post(url, json={"barcode": barcode}, timeout=10).status_code == 200


def test_open_uploads_per_station_are_bounded(http: requests.Session, station: Station,
                                              cert_service: CertService) -> None:
    for i in range(uploads.MAX_OPEN_UPLOADS):
        r = http.post(f"{cert_service.url}/v1/uploads/quota-{i}", json={"size": 10, "sha256": SHA}, timeout=10)
        assert r.status_code == 201
    r = http.post(f"{cert_service.url}/v1/uploads/quota-x", json={"size": 10, "sha256": SHA}, timeout=10)
    assert _refusal(r) == (429, "quota_exceeded") and r.json()["detail"]
    # Resuming one it holds is no new upload; another station has its own quota.
    assert http.post(f"{cert_service.url}/v1/uploads/quota-0", json={"size": 10, "sha256": SHA},
                     timeout=10).status_code == 200
    other = station("DR-21231-03", MAIRIE_INSEE)
    assert other.post(f"{cert_service.url}/v1/uploads/quota-x", json={"size": 10, "sha256": SHA},
                      timeout=10).status_code == 201


def test_bytes_announced_per_station_are_bounded(http: requests.Session, cert_service: CertService) -> None:
    full = uploads.MAX_PACKAGE_BYTES
    for i in range(uploads.MAX_HELD_BYTES // full):
        r = http.post(f"{cert_service.url}/v1/uploads/big-{i}", json={"size": full, "sha256": SHA}, timeout=10)
        assert r.status_code == 201
    r = http.post(f"{cert_service.url}/v1/uploads/big-x", json={"size": 1, "sha256": SHA}, timeout=10)
    assert _refusal(r) == (429, "quota_exceeded")
