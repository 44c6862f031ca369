"""Shutting a station out at the CERT over real HTTPS: `cert-server station revoke`, re-provisioning and
certificate renewal (the old certificate retired when the new one is first used)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cert.ephoto import seed_code
from cert.lookups.seed import FEE_STAMPS
from devstation.cert_service import REPO_ROOT, CertService
from installer.pki import PkiPaths
from tests.cert.test_provisioning import NEW_STATION, add_station, csr_for, mtls, provision, refusal


def issued_pair(session: requests.Session, svc: CertService, capsys: pytest.CaptureFixture[str],
                folder: Path) -> tuple[Path, Path]:
    """A station provisioned as the technician would: a token from the operator, a key, a CSR."""
    key = ec.generate_private_key(ec.SECP256R1())
    r = provision(session, svc, add_station(svc, capsys), csr_for(key))
    assert r.status_code == 201
    return write_pair(folder, key, r.json()["certificate"])


def write_pair(folder: Path, key: ec.EllipticCurvePrivateKey, certificate_pem: str) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "station.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (folder / "station.pem").write_text(certificate_pem)
    return folder / "station.pem", folder / "station.key"


def fee_stamp(station: requests.Session, svc: CertService) -> requests.Response:
    return station.get(f"{svc.url}/v1/fee-stamps/{FEE_STAMPS['valid_86']}", timeout=10)


def revoke(svc: CertService, station_id: str = NEW_STATION, reason: str = "stolen") -> str:
    """The operator's command, in its own process, while the service runs."""
    return subprocess.run([sys.executable, "-m", "cert.cli", "station", "revoke", station_id, "--reason", reason,
                           "--data-dir", str(svc.data_dir)], cwd=REPO_ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_a_station_revoked_by_the_cli_is_refused_at_its_next_request_on_every_path(
        anonymous, pki, cert_service, capsys, tmp_path):
    cert_file, key_file = issued_pair(anonymous, cert_service, capsys, tmp_path / "stolen")
    serial = f"{x509.load_pem_x509_certificate(cert_file.read_bytes()).serial_number:x}"
    unused_token = add_station(cert_service, capsys)  # e.g. sent for a reinstall that never happened
    with mtls(pki, cert_file, key_file) as station:
        assert fee_stamp(station, cert_service).status_code == 200  # the connection stays open (keep-alive)

        assert serial in revoke(cert_service, reason="stolen from the mairie")

        base = cert_service.url
        refused = [
            station.put(f"{base}/v1/dossiers/k1", data=b"x", headers={"Content-SHA256": "0" * 64}, timeout=10),
            station.post(f"{base}/v1/uploads/k1", json={"size": 1, "sha256": "0" * 64}, timeout=10),
            station.patch(f"{base}/v1/uploads/k1", data=b"x", headers={"Upload-Offset": "0"}, timeout=10),
            station.post(f"{base}/v1/uploads/k1/complete", json={"sha256": "0" * 64}, timeout=10),
            fee_stamp(station, cert_service),
            station.get(f"{base}/v1/ephoto/{seed_code('valid-0')}", timeout=10),
            provision(station, cert_service, unused_token, csr_for(ec.generate_private_key(ec.SECP256R1()))),
        ]
        assert [refusal(r) for r in refused] == [(403, "station_revoked")] * len(refused)
    assert cert_service.received() == []
    # The thief cannot come back through provisioning either: the station's unused token expired.
    again = provision(anonymous, cert_service, unused_token, csr_for(ec.generate_private_key(ec.SECP256R1())))
    assert refusal(again) == (403, "token_expired")

    listing = subprocess.run([sys.executable, "-m", "cert.cli", "station", "list", "--data-dir",
                              str(cert_service.data_dir)], cwd=REPO_ROOT, capture_output=True, text=True,
                             check=True).stdout
    revoked = listing.split("revoked certificates", 1)[1]
    assert NEW_STATION in revoked and serial in revoked and "stolen from the mairie" in revoked


def test_a_station_certificate_made_outside_provisioning_is_refused_once_its_station_is_revoked(
        http, cert_service):
    """The test PKI's station certificate was made by the installer: the CERT knows it only by its CN."""
    assert fee_stamp(http, cert_service).status_code == 200
    r = subprocess.run([sys.executable, "-m", "cert.cli", "station", "revoke", "DR-21231-01", "--reason",
                        "retired", "--data-dir", str(cert_service.data_dir)], cwd=REPO_ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0 and "never issued a certificate to DR-21231-01" in r.stderr
    assert refusal(fee_stamp(http, cert_service)) == (403, "station_revoked")


def test_reprovisioning_revokes_the_previous_certificate(anonymous, pki, cert_service, capsys, tmp_path):
    old = issued_pair(anonymous, cert_service, capsys, tmp_path / "old")
    new = issued_pair(anonymous, cert_service, capsys, tmp_path / "new")  # a new token, a new key
    with mtls(pki, *old) as station:
        assert refusal(fee_stamp(station, cert_service)) == (403, "station_revoked")
    with mtls(pki, *new) as station:
        assert fee_stamp(station, cert_service).status_code == 200


def renew(station: requests.Session, svc: CertService, key: ec.EllipticCurvePrivateKey,
          cn: str = NEW_STATION) -> requests.Response:
    return station.post(f"{svc.url}/v1/stations/renew", json={"csr": csr_for(key, cn)}, timeout=10)


def test_renewal_old_certificate_works_until_the_new_one_is_used_then_is_refused(
        anonymous, pki, cert_service, capsys, tmp_path):
    old = issued_pair(anonymous, cert_service, capsys, tmp_path / "old")
    old_cert = x509.load_pem_x509_certificate(old[0].read_bytes())
    new_key = ec.generate_private_key(ec.SECP256R1())
    with mtls(pki, *old) as station:
        first = renew(station, cert_service, new_key)
        assert first.status_code == 201
        # The station crashed before installing the new pair: the old one still works, and asking again with
        # the same new key gives the same certificate.
        assert fee_stamp(station, cert_service).status_code == 200
        again = renew(station, cert_service, new_key)
        assert again.status_code == 200 and again.json() == first.json()
    new_cert = x509.load_pem_x509_certificate(first.json()["certificate"].encode())
    assert new_cert.subject == old_cert.subject and new_cert.public_key() == new_key.public_key()
    assert new_cert.serial_number != old_cert.serial_number
    new = write_pair(tmp_path / "new", new_key, first.json()["certificate"])
    with mtls(pki, *new) as station:
        assert fee_stamp(station, cert_service).status_code == 200
    with mtls(pki, *old) as station:
        assert refusal(fee_stamp(station, cert_service)) == (403, "station_revoked")
    with mtls(pki, *new) as station:
        assert fee_stamp(station, cert_service).status_code == 200


def test_renewal_needs_a_new_key_the_station_cn_and_a_certificate_this_cert_issued(
        anonymous, pki: PkiPaths, cert_service, capsys, tmp_path, http):
    cert_file, key_file = issued_pair(anonymous, cert_service, capsys, tmp_path / "st")
    current = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    with mtls(pki, cert_file, key_file) as station:
        assert refusal(renew(station, cert_service, current)) == (400, "csr_same_key")  # type: ignore[arg-type]
        other = ec.generate_private_key(ec.SECP256R1())
        assert refusal(renew(station, cert_service, other, "DR-21231-09")) == (400, "csr_subject_mismatch")
        bad = station.post(f"{cert_service.url}/v1/stations/renew", data=b"nope", timeout=10)
        assert refusal(bad) == (400, "renew_bad_request")
    # The test PKI's station certificate was made by the installer, not issued here through provisioning.
    r = http.post(f"{cert_service.url}/v1/stations/renew",
                  json={"csr": csr_for(ec.generate_private_key(ec.SECP256R1()), "DR-21231-01")}, timeout=10)
    assert refusal(r) == (403, "certificate_unknown")
    assert refusal(anonymous.post(f"{cert_service.url}/v1/stations/renew", json={}, timeout=10)) == (
        403, "no_client_identity")


def test_a_renewal_for_another_key_replaces_the_unused_one(anonymous, pki, cert_service, capsys, tmp_path):
    old = issued_pair(anonymous, cert_service, capsys, tmp_path / "old")
    lost_key, kept_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    with mtls(pki, *old) as station:
        lost = renew(station, cert_service, lost_key)  # the station lost this key before installing anything
        kept = renew(station, cert_service, kept_key)
    assert (lost.status_code, kept.status_code) == (201, 201)
    with mtls(pki, *write_pair(tmp_path / "lost", lost_key, lost.json()["certificate"])) as station:
        assert refusal(fee_stamp(station, cert_service)) == (403, "station_revoked")
    with mtls(pki, *old) as station:
        assert fee_stamp(station, cert_service).status_code == 200  # still in service until the kept one is used
    with mtls(pki, *write_pair(tmp_path / "kept", kept_key, kept.json()["certificate"])) as station:
        assert fee_stamp(station, cert_service).status_code == 200
