"""Certificate renewal's client (sync/renewal.py) against the real CERT service, with the station cut at the
awkward moments: before the certificate arrives, and between the two renames of the swap; and a revoked
station's lookups."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from cert.cli import main as cert_cli
from cert.ephoto import seed_code
from cert.lookups.seed import FEE_STAMPS
from devstation.cert_service import CertService
from installer.pki import PkiPaths
from sync import CertClient, SyncError, TransportSettings, renewal
from sync.ephoto import fetch_ephoto
from sync.lookups import check_fee_stamp, fetch_title_status
from sync.provisioning import provision
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


def test_a_revoked_station_gets_the_revoked_message_from_the_lookups_and_ephoto(pair, pki, cert_service):
    cert, key = pair
    assert cert_cli(["station", "revoke", STATION_ID, "--reason", "retired", "--data-dir",
                     str(cert_service.data_dir)]) == 0
    client = CertClient(TransportSettings(cert_service.url, pki.pem("cert-ca"), cert, key))
    try:
        for ask in (lambda: fetch_ephoto(client, seed_code("valid-0")),
                    lambda: check_fee_stamp(client, FEE_STAMPS["valid_86"]),
                    lambda: fetch_title_status(client, "X4RTBPFW4")):
            with pytest.raises(SyncError) as err:
                ask()
            assert err.value.code == "cert.station_revoked" and not err.value.retryable
            assert "révoqué" in err.value.message and "contactez le CERT" in err.value.message
    finally:
        client.close()
