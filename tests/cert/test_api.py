"""The CERT API over real HTTPS with client certificates (the service runs as a subprocess)."""

from __future__ import annotations

import base64
import hashlib
import json
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from installer.pki import PkiPaths, make_test_pki
from tests.fixtures.cert_service import REPO_ROOT, CertService
from tests.fixtures.pki import STATION_ID

KEY = "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b"


def _session(pki: PkiPaths, client: PkiPaths | None = None) -> requests.Session:
    s = requests.Session()
    s.trust_env = False  # REQUESTS_CA_BUNDLE would otherwise replace our trust anchor
    src = client or pki
    s.cert = (str(src.pem("station")), str(src.key("station")))
    s.verify = str(pki.pem("cert-ca"))
    return s


@pytest.fixture
def http(pki: PkiPaths) -> Iterator[requests.Session]:
    s = _session(pki)
    yield s
    s.close()


def _package(station_id: str = STATION_ID, **extra) -> bytes:
    body = {"format": "recueil-package/0", "station_id": station_id, "sealed_at": "2026-03-02T09:30:00+00:00",
            "dossier": {"civil": {"surname": "DUPONT", "given_names": "Jeanne"}}, **extra}
    return json.dumps(body).encode()


def _put(http: requests.Session, svc: CertService, body: bytes, key: str = KEY,
         digest: str | None = None) -> requests.Response:
    return http.put(f"{svc.url}/v1/dossiers/{key}", data=body,
                    headers={"Content-SHA256": digest or hashlib.sha256(body).hexdigest()}, timeout=10)


def test_health(http: requests.Session, cert_service: CertService) -> None:
    assert http.get(f"{cert_service.url}/v1/health", timeout=10).json() == {"status": "ok"}


def test_first_receipt_then_identical_replay(http: requests.Session, pki: PkiPaths,
                                             cert_service: CertService) -> None:
    body = _package()
    first = _put(http, cert_service, body)
    assert first.status_code == 201
    again = _put(http, cert_service, body)
    assert again.status_code == 200 and again.json() == first.json()

    reply = first.json()
    receipt, signature = base64.b64decode(reply["receipt"]), base64.b64decode(reply["signature"])
    cert = x509.load_pem_x509_certificate(reply["certificate"].encode())
    assert reply["certificate"].encode() == pki.pem("cert-receipt").read_bytes()
    cert.public_key().verify(signature, receipt, ec.ECDSA(hashes.SHA256()))
    fields = json.loads(receipt)
    assert set(fields) == {"version", "dossier_number", "idempotency_key", "package_sha256", "station_id",
                           "received_at"}
    assert fields["version"] == 1 and fields["idempotency_key"] == KEY
    assert fields["package_sha256"] == hashlib.sha256(body).hexdigest()
    assert fields["station_id"] == STATION_ID
    assert fields["dossier_number"].startswith("21-")
    (held,) = cert_service.received()
    assert held.dossier_number == fields["dossier_number"]


def test_key_reused_with_other_digest_is_409(http: requests.Session, cert_service: CertService) -> None:
    assert _put(http, cert_service, _package()).status_code == 201
    r = _put(http, cert_service, _package(note="changed"))
    assert r.status_code == 409 and r.json()["error"] == "key_conflict"
    assert len(cert_service.received()) == 1


def test_digest_mismatch_is_400(http: requests.Session, cert_service: CertService) -> None:
    r = _put(http, cert_service, _package(), digest="0" * 64)
    assert r.status_code == 400 and r.json()["error"] == "digest_mismatch"
    r = _put(http, cert_service, _package(), digest="not-hex")
    assert r.status_code == 400 and r.json()["error"] == "digest_missing"
    assert cert_service.received() == []


NO_DOSSIER = json.dumps({"format": "recueil-package/0", "station_id": STATION_ID}).encode()


OTHER_FORMAT = json.dumps({"format": "other"}).encode()


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", OTHER_FORMAT, NO_DOSSIER])
def test_malformed_package_is_400(body: bytes, http: requests.Session, cert_service: CertService) -> None:
    r = _put(http, cert_service, body)
    assert r.status_code == 400 and r.json()["error"] == "malformed_package"


def test_package_from_another_station_than_certificate_is_403(http: requests.Session,
                                                              cert_service: CertService) -> None:
    r = _put(http, cert_service, _package(station_id="DR-99999-01"))
    assert r.status_code == 403 and r.json()["error"] == "station_mismatch"


def test_client_without_or_with_unknown_certificate_is_refused(pki: PkiPaths, tmp_path,
                                                               cert_service: CertService) -> None:
    anonymous = _session(pki)
    anonymous.cert = None
    stranger = _session(pki, client=make_test_pki(tmp_path / "stranger", "DR-00000-01", "00000"))
    for s in (anonymous, stranger):
        with pytest.raises(requests.exceptions.ConnectionError):  # SSLError is a ConnectionError
            s.get(f"{cert_service.url}/v1/health", timeout=10).raise_for_status()


def test_restart_keeps_port_and_dossiers(http: requests.Session, cert_service: CertService) -> None:
    url = cert_service.url
    assert _put(http, cert_service, _package()).status_code == 201
    cert_service.stop()
    cert_service.start()
    assert cert_service.url == url
    assert _put(http, cert_service, _package()).status_code == 200


def test_list_shows_identifiers_only(http: requests.Session, cert_service: CertService) -> None:
    _put(http, cert_service, _package())
    out = subprocess.run([sys.executable, "-m", "cert.cli", "list", "--data-dir", str(cert_service.data_dir)],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    (held,) = cert_service.received()
    assert held.dossier_number in out and held.package_sha256 in out and STATION_ID in out
    assert "DUPONT" not in out and "Jeanne" not in out
    assert "1 dossier(s)" in out


def test_sigterm_stops_cleanly(pki: PkiPaths, tmp_path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "cert.cli", "run", "--pki", str(pki.root), "--data-dir",
                             str(tmp_path), "--port", "0"], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("cert-server listening on https://127.0.0.1:")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
