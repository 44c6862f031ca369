"""Fee stamps at the reference CERT over real HTTPS: a reservation at the counter, the package's intake that
consumes the stamp exactly once, and `cert-server stamp issue`."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from cert.lookups.db import LookupDb
from cert.lookups.fee_stamp import RESERVATION_DAYS, FeeStampRecord, FeeStamps
from cert.lookups.seed import FEE_STAMPS
from devstation.cert_service import REPO_ROOT, CertService
from devstation.factories import complete_dossier
from sync.package import AgentSigner, Sealer
from sync.replies import error_code, map_status

STAMP = FEE_STAMPS["valid_86"]
DOSSIER_A, DOSSIER_B = "8a1f0c52-6f0e-4d8e-9a3b-1c2d3e4f5a60", "8a1f0c52-6f0e-4d8e-9a3b-1c2d3e4f5a61"


def _refusal(r: requests.Response) -> tuple[int, str | None]:
    return r.status_code, r.json().get("error")


def _reserve(http: requests.Session, svc: CertService, dossier: str, number: str = STAMP) -> requests.Response:
    return http.post(f"{svc.url}/v1/fee-stamps/{number}/reserve", json={"dossier_id": dossier}, timeout=10)


def _put(http: requests.Session, svc: CertService, sealer: Sealer, agent_signer: AgentSigner, key: str,
        stamp: str = STAMP) -> requests.Response:
    body = sealer.seal(complete_dossier().model_copy(update={"id": key, "fee_stamp": stamp}), agent_signer).data
    return _send(http, svc, key, body)


def _send(http: requests.Session, svc: CertService, key: str, body: bytes) -> requests.Response:
    return http.put(f"{svc.url}/v1/dossiers/{key}", data=body, timeout=30,
                    headers={"Content-SHA256": hashlib.sha256(body).hexdigest()})


def test_a_reservation_is_idempotent_for_its_dossier_and_refused_to_another(http, cert_service):
    first = _reserve(http, cert_service, "dossier-A")
    assert first.status_code == 200 and first.json()["amount_eur"] == "86.00"
    until = datetime.fromisoformat(first.json()["reserved_until"])
    assert until - datetime.now(UTC) > timedelta(days=RESERVATION_DAYS - 1)
    assert _reserve(http, cert_service, "dossier-A").json()["reserved_until"] == first.json()["reserved_until"]
    other = _reserve(http, cert_service, "dossier-B")
    assert _refusal(other) == (409, "fee_stamp_reserved")
    assert set(other.json()) == {"error", "detail"} and "dossier-A" not in other.text  # naming nobody
    consume = f"{cert_service.url}/v1/fee-stamps/{STAMP}/consume"
    assert _refusal(http.post(consume, json={"dossier_id": "dossier-B"}, timeout=10)) == (409, "fee_stamp_reserved")
    assert http.post(consume, json={"dossier_id": "dossier-A"}, timeout=10).json()["used_by"] == "dossier-A"
    assert _refusal(_reserve(http, cert_service, "dossier-B")) == (409, "fee_stamp_used")
    assert _reserve(http, cert_service, "dossier-A").status_code == 200  # its own stamp, still


def test_a_reservation_refuses_what_a_check_would(http, cert_service):
    assert _refusal(_reserve(http, cert_service, "dossier-A", FEE_STAMPS["expired"])) == (410, "fee_stamp_expired")
    assert _refusal(_reserve(http, cert_service, "dossier-A", FEE_STAMPS["used"])) == (409, "fee_stamp_used")
    assert _refusal(_reserve(http, cert_service, "dossier-A", "9" * 16)) == (404, "fee_stamp_unknown")
    assert _refusal(_reserve(http, cert_service, "dossier-A", "12AB")) == (400, "fee_stamp_malformed")


def test_a_reservation_lapses_after_its_period(tmp_path: Path):
    db = LookupDb(tmp_path)
    try:
        stamps, now = FeeStamps(db), datetime(2026, 3, 1, 10, tzinfo=UTC)
        stamps.add(FeeStampRecord(STAMP, 8600, now - timedelta(days=1)))
        assert stamps.reserve(STAMP, "dossier-A", now).reserved_by == "dossier-A"
        assert stamps.reserve(STAMP, "dossier-B", now + timedelta(days=RESERVATION_DAYS - 1)).reserved_by == "dossier-A"
        later = now + timedelta(days=RESERVATION_DAYS, seconds=1)
        assert stamps.reserve(STAMP, "dossier-B", later).reserved_by == "dossier-B"
    finally:
        db.close()


def test_intake_consumes_the_stamp_once_and_refuses_it_to_a_second_dossier(http, cert_service, sealer, agent_signer):
    body = sealer.seal(complete_dossier().model_copy(update={"id": DOSSIER_A, "fee_stamp": STAMP}), agent_signer).data
    first = _send(http, cert_service, DOSSIER_A, body)
    assert first.status_code == 201
    used = http.get(f"{cert_service.url}/v1/fee-stamps/{STAMP}", timeout=10).json()
    assert (used["status"], used["used_by"]) == ("used", DOSSIER_A)
    again = _send(http, cert_service, DOSSIER_A, body)  # the same package resent: the same answer
    assert again.status_code == 200 and again.json() == first.json()
    assert http.get(f"{cert_service.url}/v1/fee-stamps/{STAMP}", timeout=10).json()["used_at"] == used["used_at"]
    second = _put(http, cert_service, sealer, agent_signer, DOSSIER_B)
    assert _refusal(second) == (409, "fee_stamp_used")
    assert [d.idempotency_key for d in cert_service.received()] == [DOSSIER_A]
    shown = map_status(second.status_code, error_code(second))  # what the station's outbox shows
    assert shown.code == "cert.fee_stamp_taken" and "timbre fiscal a déjà servi" in shown.message


def test_intake_refuses_a_stamp_held_for_another_dossier(http, cert_service, sealer, agent_signer):
    assert _reserve(http, cert_service, DOSSIER_A).status_code == 200
    assert _refusal(_put(http, cert_service, sealer, agent_signer, DOSSIER_B)) == (409, "fee_stamp_reserved")
    assert cert_service.received() == []
    assert _put(http, cert_service, sealer, agent_signer, DOSSIER_A).status_code == 201  # its own dossier arrives


def test_intake_accepts_a_stamp_the_cert_does_not_know(http, cert_service, sealer, agent_signer):
    """The station checked it at the counter (or could not): the instructing agent decides."""
    assert _put(http, cert_service, sealer, agent_signer, DOSSIER_A, stamp="9" * 16).status_code == 201


def test_stamp_issue_prints_a_new_stamp_with_its_amount_and_purchase_date(http, cert_service):
    out = subprocess.run([sys.executable, "-m", "cert.cli", "stamp", "issue", "--amount", "42.5", "--purchased",
                          (datetime.now(UTC) - timedelta(days=3)).date().isoformat(),
                          "--data-dir", str(cert_service.data_dir)],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    number = out.stdout.strip()
    assert len(number) == 16 and number.isdigit() and number not in FEE_STAMPS.values()
    held = http.get(f"{cert_service.url}/v1/fee-stamps/{number}", timeout=10).json()
    assert (held["amount_eur"], held["status"]) == ("42.50", "valid")
    assert held["purchased_at"].startswith((datetime.now(UTC) - timedelta(days=3)).date().isoformat())
    bad = subprocess.run([sys.executable, "-m", "cert.cli", "stamp", "issue", "--amount", "-3",
                          "--data-dir", str(cert_service.data_dir)], cwd=REPO_ROOT, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "positive" in bad.stderr
