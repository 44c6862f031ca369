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

from devstation.cert_service import REPO_ROOT, CertService
from devstation.factories import GIVEN_NAMES, SURNAME
from installer.pki import PkiPaths, make_test_pki
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


def _put(http: requests.Session, svc: CertService, body: bytes, key: str = KEY,
         digest: str | None = None) -> requests.Response:
    return http.put(f"{svc.url}/v1/dossiers/{key}", data=body,
                    headers={"Content-SHA256": digest or hashlib.sha256(body).hexdigest()}, timeout=10)


def test_health(http: requests.Session, cert_service: CertService) -> None:
    assert http.get(f"{cert_service.url}/v1/health", timeout=10).json() == {"status": "ok"}


def test_first_receipt_then_identical_replay(http: requests.Session, pki: PkiPaths,
                                             cert_service: CertService, make_package) -> None:
    body = make_package(KEY)
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


def test_key_reused_with_other_digest_is_409(http: requests.Session, cert_service: CertService,
                                            make_package) -> None:
    """A second sealing of the same dossier (other package id, other bytes) never becomes a second dossier."""
    assert _put(http, cert_service, make_package(KEY)).status_code == 201
    r = _put(http, cert_service, make_package(KEY))
    assert r.status_code == 409 and r.json()["error"] == "key_conflict"
    assert len(cert_service.received()) == 1


def test_digest_mismatch_is_400(http: requests.Session, cert_service: CertService, make_package) -> None:
    r = _put(http, cert_service, make_package(KEY), digest="0" * 64)
    assert r.status_code == 400 and r.json()["error"] == "digest_mismatch"
    r = _put(http, cert_service, make_package(KEY), digest="not-hex")
    assert r.status_code == 400 and r.json()["error"] == "digest_missing"
    assert cert_service.received() == []


MAGIC = b"RECUEIL-PACKAGE/1\n"
OTHER_FORMAT = MAGIC + json.dumps({"format": "other"}).encode() + b"\n" + bytes(100)
NO_HEADER_END = MAGIC + b"{" + b" " * 5000


@pytest.mark.parametrize("body", [b"not a package", MAGIC + b"[1, 2]\n", OTHER_FORMAT, NO_HEADER_END])
def test_malformed_package_is_400(body: bytes, http: requests.Session, cert_service: CertService) -> None:
    r = _put(http, cert_service, body)
    assert r.status_code == 400 and r.json()["error"] == "malformed_package"


def test_package_from_another_station_than_certificate_is_403(http: requests.Session,
                                                              cert_service: CertService, make_package) -> None:
    r = _put(http, cert_service, make_package(KEY, station_id="DR-99999-01"))
    assert r.status_code == 403 and r.json()["error"] == "station_mismatch"


def test_client_without_or_with_unknown_certificate_is_refused(pki: PkiPaths, tmp_path,
                                                               cert_service: CertService, make_package) -> None:
    # Without a certificate the handshake succeeds (a station being provisioned has none yet), but the
    # app refuses the package; a certificate from an unknown CA is refused at the handshake itself.
    anonymous = _session(pki)
    anonymous.cert = None
    r = _put(anonymous, cert_service, b"any bytes: refused before the package is read")
    assert r.status_code == 403 and r.json()["error"] == "no_client_identity"
    assert cert_service.received() == []
    stranger = _session(pki, client=make_test_pki(tmp_path / "stranger", "DR-00000-01", "00000"))
    with pytest.raises(requests.exceptions.ConnectionError):  # SSLError is a ConnectionError
        stranger.get(f"{cert_service.url}/v1/health", timeout=10).raise_for_status()


def test_restart_keeps_port_and_dossiers(http: requests.Session, cert_service: CertService,
                                         make_package) -> None:
    url, body = cert_service.url, make_package(KEY)
    assert _put(http, cert_service, body).status_code == 201
    cert_service.stop()
    cert_service.start()
    assert cert_service.url == url
    assert _put(http, cert_service, body).status_code == 200


def test_list_shows_identifiers_only(http: requests.Session, cert_service: CertService, make_package) -> None:
    _put(http, cert_service, make_package(KEY))
    out = subprocess.run([sys.executable, "-m", "cert.cli", "list", "--data-dir", str(cert_service.data_dir)],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    (held,) = cert_service.received()
    assert held.dossier_number in out and held.package_sha256 in out and STATION_ID in out
    assert SURNAME not in out and GIVEN_NAMES not in out
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


def test_altered_unknown_or_replayed_packages_are_refused_over_https(
        http: requests.Session, cert_service: CertService, make_package, sealer, agent_signer,
                other_pki: PkiPaths) -> None:
    from dataclasses import replace

    from cryptography.hazmat.primitives import serialization

    from devstation.factories import complete_dossier

    body = make_package(KEY)
    altered = bytearray(body)
    altered[len(body) // 2] ^= 0x80
    r = _put(http, cert_service, bytes(altered))
    assert (r.status_code, r.json()["error"]) == (400, "undecryptable") and "altered" in r.json()["detail"]

    stranger_key = serialization.load_pem_private_key(other_pki.key("station").read_bytes(), password=None)
    stranger = replace(sealer, signing_key=stranger_key,
                       signing_certificate=x509.load_pem_x509_certificate(other_pki.pem("station").read_bytes()))
    r = _put(http, cert_service, stranger.seal(complete_dossier().model_copy(update={"id": KEY}), agent_signer).data)
    assert (r.status_code, r.json()["error"]) == (403, "unknown_station")

    assert _put(http, cert_service, body).status_code == 201
    r = _put(http, cert_service, body, key="a-second-key")  # the same package replayed as a new dossier
    assert (r.status_code, r.json()["error"]) == (400, "key_mismatch")
    assert len(cert_service.received()) == 1


def test_dump_writes_the_received_files_for_inspection(http: requests.Session, cert_service: CertService,
                                                       make_package, tmp_path) -> None:
    from sync.ansi_nist import parse

    assert _put(http, cert_service, make_package(KEY)).status_code == 201
    (held,) = cert_service.received()
    out = subprocess.run([sys.executable, "-m", "cert.cli", "dump", held.dossier_number, "--data-dir",
                          str(cert_service.data_dir), "--out", str(tmp_path)],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    folder = tmp_path / held.dossier_number
    assert str(folder) in out
    dossier = json.loads((folder / "dossier.json").read_text())
    assert dossier["dossier_id"] == KEY and dossier["civil"]["surname"] == SURNAME
    transaction = parse((folder / "biometrics.an2").read_bytes())
    assert [r.type for r in transaction.records] == [1, 2, 10, 14, 14, 8]
    assert (folder / dossier["documents"][0]["file"]).read_bytes().startswith(b"\x89PNG")
    assert (folder / dossier["fingerprints"][0]["template"]).is_file()
    assert hashlib.sha256((folder / "package.sealed").read_bytes()).hexdigest() == held.package_sha256
    assert json.loads((folder / "receipt.json").read_bytes())["dossier_number"] == held.dossier_number
    # Who took it: the agent's certificate and their signature, as their own files.
    agent = x509.load_pem_x509_certificate((folder / "agent-certificate.pem").read_bytes())
    assert agent.subject.get_attributes_for_oid(x509.NameOID.SERIAL_NUMBER)[0].value == "AG-0001"
    assert (folder / "agent-signature.der").read_bytes().startswith(b"\x30")  # a DER ECDSA signature
    missing = subprocess.run([sys.executable, "-m", "cert.cli", "dump", "21-1999-000009", "--data-dir",
                              str(cert_service.data_dir), "--out", str(tmp_path)],
                             cwd=REPO_ROOT, capture_output=True, text=True)
    assert missing.returncode == 1 and "no dossier numbered" in missing.stderr


def test_receipt_uses_up_the_fee_stamp_and_the_pre_application(http: requests.Session, cert_service: CertService,
                                                                sealer, agent_signer) -> None:
    from cert.lookups.seed import FEE_STAMPS, PRE_APPLICATIONS
    from devstation.factories import complete_dossier

    stamp, pre = FEE_STAMPS["valid_86"], PRE_APPLICATIONS["couple"]
    base = f"{cert_service.url}/v1"
    assert http.get(f"{base}/fee-stamps/{stamp}", timeout=10).json()["status"] == "valid"
    assert http.get(f"{base}/pre-applications/{pre}", timeout=10).status_code == 200
    dossier = complete_dossier().model_copy(update={"id": KEY, "pre_application": pre})
    dossier.fee_stamp = stamp
    assert _put(http, cert_service, sealer.seal(dossier, agent_signer).data).status_code == 201
    used = http.get(f"{base}/fee-stamps/{stamp}", timeout=10).json()
    assert (used["status"], used["used_by"]) == ("used", KEY)
    r = http.get(f"{base}/pre-applications/{pre}", timeout=10)
    assert (r.status_code, r.json()["error"]) == (409, "pre_application_used")
