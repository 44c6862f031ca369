"""Certificate renewal's client (sync/renewal.py) against the real CERT service, with the station cut at the
awkward moments: before the certificate arrives, and between the two renames of the swap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from cert.cli import main as cert_cli
from installer.pki import PkiPaths
from sync import renewal
from sync.provisioning import provision
from tests.fixtures.cert_service import CertService
from tests.fixtures.pki import STATION_ID


@pytest.fixture
def pair(pki: PkiPaths, cert_service: CertService, tmp_path: Path, capsys) -> tuple[Path, Path]:
    assert cert_cli(["station", "add", STATION_ID, "--data-dir", str(cert_service.data_dir)]) == 0
    done = provision(cert_service.url, capsys.readouterr().out.strip(), STATION_ID, pki.pem("cert-ca"),
                     tmp_path / "pki")
    return done.certificate, done.key


def accepted(svc: CertService, pki: PkiPaths, cert: Path, key: Path) -> bool:
    """The pair matches and the CERT takes it for an authenticated lookup."""
    certificate = x509.load_pem_x509_certificate(cert.read_bytes())
    if certificate.public_key() != serialization.load_pem_private_key(key.read_bytes(), None).public_key():
        return False
    with requests.Session() as s:
        s.trust_env, s.verify, s.cert = False, str(pki.pem("cert-ca")), (str(cert), str(key))
        return s.get(f"{svc.url}/v1/titles/X4RTBPFW4", timeout=10).status_code in (200, 404)


def test_a_cut_before_the_certificate_arrives_keeps_the_old_pair_and_the_next_run_reuses_the_new_key(
        pair, pki, cert_service, monkeypatch):
    cert, key = pair
    real_read = renewal.read_reply

    def lost(response):  # the CERT issued, the reply never reached the disk
        raise ConnectionResetError

    monkeypatch.setattr(renewal, "read_reply", lost)
    with pytest.raises(ConnectionResetError):
        renewal.renew(cert_service.url, STATION_ID, pki.pem("cert-ca"), cert, key)
    assert accepted(cert_service, pki, cert, key)  # the old pair still works
    pending_key = renewal.pending(key).read_bytes()

    monkeypatch.setattr(renewal, "read_reply", real_read)
    done = renewal.renew(cert_service.url, STATION_ID, pki.pem("cert-ca"), cert, key)
    assert key.read_bytes() == pending_key  # the same new key: the CERT answered with the same certificate
    assert accepted(cert_service, pki, cert, key) and f"{done.serial_hex}" == \
        f"{x509.load_pem_x509_certificate(cert.read_bytes()).serial_number:x}"
    assert not renewal.pending(key).exists() and not renewal.pending(cert).exists()


def test_a_cut_between_the_two_renames_is_completed_at_the_next_start(pair, pki, cert_service, monkeypatch):
    cert, key = pair
    real_replace, calls = os.replace, []

    def cut_after_the_key(src, dst):
        calls.append(Path(dst).name)
        if Path(dst) == cert:  # the power goes after the key was renamed, before the certificate
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(renewal.os, "replace", cut_after_the_key)
    with pytest.raises(KeyboardInterrupt):
        renewal.renew(cert_service.url, STATION_ID, pki.pem("cert-ca"), cert, key)
    monkeypatch.setattr(renewal.os, "replace", real_replace)
    assert not accepted(cert_service, pki, cert, key)  # new key, old certificate: what the fix must repair

    assert renewal.finish_interrupted_renewal(cert, key) is True
    assert accepted(cert_service, pki, cert, key)
    assert renewal.finish_interrupted_renewal(cert, key) is False  # nothing left to do
