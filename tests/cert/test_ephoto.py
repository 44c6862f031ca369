"""ePhoto at the reference CERT, over real HTTPS with client certificates: fetch by code, each refusal, and
consumption once per dossier."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest
import requests

from cert.ephoto import CODE_LENGTH, EphotoStore, add_months, seed, seed_code
from devstation.cert_service import REPO_ROOT, CertService

VALID, EXPIRED, USED = seed_code("valid-0"), seed_code("expired"), seed_code("used")


def _get(http: requests.Session, svc: CertService, code: str) -> requests.Response:
    return http.get(f"{svc.url}/v1/ephoto/{code}", timeout=10)


def _consume(http: requests.Session, svc: CertService, code: str, dossier: str) -> requests.Response:
    return http.post(f"{svc.url}/v1/ephoto/{code}/consume", json={"dossier_id": dossier}, timeout=10)


def test_a_valid_code_returns_the_booth_photo_and_its_date(http, cert_service):
    r = _get(http, cert_service, VALID)
    assert r.status_code == 200
    body = r.json()
    jpeg = base64.b64decode(body["jpeg"])
    assert hashlib.sha256(jpeg).hexdigest() == body["sha256"]
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and min(image.shape[:2]) > 300
    captured = datetime.fromisoformat(body["captured_at"])
    assert captured < datetime.now(UTC) < datetime.fromisoformat(body["expires_at"])
    assert len(VALID) == CODE_LENGTH == 22


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [(USED, 409, "ephoto_used"), (EXPIRED, 410, "ephoto_expired"), ("A" * 22, 404, "ephoto_unknown"),
     ("abc", 400, "ephoto_malformed"), ("ABCDEFGHJKLMNPQRSTUVW!", 400, "ephoto_malformed")],
)
def test_refusals_name_their_reason(http, cert_service, code, status, error):
    r = _get(http, cert_service, code)
    assert (r.status_code, r.json()["error"]) == (status, error)


def test_a_code_is_consumed_once_by_one_dossier(http, cert_service):
    code = seed_code("valid-1")
    first = _consume(http, cert_service, code, "dossier-A")
    assert first.status_code == 200
    again = _consume(http, cert_service, code, "dossier-A")  # a resend after a lost reply
    assert again.status_code == 200 and again.json()["used_at"] == first.json()["used_at"]
    other = _consume(http, cert_service, code, "dossier-B")
    assert (other.status_code, other.json()["error"]) == (409, "ephoto_used")
    assert _get(http, cert_service, code).status_code == 409
    assert _consume(http, cert_service, EXPIRED, "dossier-C").status_code == 410
    bad = http.post(f"{cert_service.url}/v1/ephoto/{VALID}/consume", data=b"nope", timeout=10)
    assert (bad.status_code, bad.json()["error"]) == (400, "ephoto_bad_request")


def test_codes_survive_a_restart_and_are_listed_without_images(http, cert_service):
    _consume(http, cert_service, seed_code("valid-2"), "dossier-Z")
    cert_service.stop()
    cert_service.start()  # seeding again must not reset the use
    assert _get(http, cert_service, seed_code("valid-2")).json()["error"] == "ephoto_used"
    out = subprocess.run([sys.executable, "-m", "cert.cli", "ephoto", "list", "--data-dir",
                          str(cert_service.data_dir)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    for code in (VALID, EXPIRED, USED):
        assert code in out.stdout
    assert "dossier-Z" in out.stdout and "expired" in out.stdout


def test_without_the_face_set_the_seed_draws_a_portrait(tmp_path):
    store = EphotoStore(tmp_path)
    try:
        codes = seed(store, None)
        assert [r.label for r in store.all()] == ["expired", "used", "valid"]
        record, jpeg = store.get(codes[0])
        assert cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR).shape == (531, 413, 3)
    finally:
        store.close()


def test_six_months_are_calendar_months():
    assert add_months(datetime(2025, 8, 31), 6) == datetime(2026, 2, 28)
    assert add_months(datetime(2023, 8, 31), 6) == datetime(2024, 2, 29)
    assert add_months(datetime(2026, 3, 15), -6) == datetime(2025, 9, 15)


def test_a_dossier_arriving_with_an_ephoto_code_uses_it_up(http, cert_service, sealer, agent_signer):
    from devstation.factories import complete_dossier

    code = seed_code("valid-2")
    key = "dossier-ephoto-1"
    dossier = complete_dossier().model_copy(update={"id": key})
    dossier.photo = dossier.photo.model_copy(update={"source": "ephoto", "ephoto_code": code})
    package = sealer.seal(dossier, agent_signer).data
    r = http.put(f"{cert_service.url}/v1/dossiers/{key}", data=package, timeout=10,
                 headers={"Content-SHA256": hashlib.sha256(package).hexdigest()})
    assert r.status_code == 201
    assert (_get(http, cert_service, code).status_code, _get(http, cert_service, code).json()["error"]) == (
        409, "ephoto_used")
    # The station resending the same dossier after a lost reply is the same use, not a second one.
    assert _consume(http, cert_service, code, key).status_code == 200
