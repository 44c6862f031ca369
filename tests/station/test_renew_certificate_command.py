"""A station shut out or renewed at the CERT, seen from the station: `station outbox` reports a revoked
certificate in French, and `station renew-certificate` installs a new pair the outbox then sends with
(real CERT service over mutual TLS, the commands run as the technician runs them)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cert.cli import main as cert_cli
from cert.lookups.seed import FEE_STAMPS
from devstation.cert_service import CertService
from devstation.factories import complete_dossier
from enrollment.model import State
from installer.pki import PkiPaths
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.context import load_sealer, open_store
from sync.package import AgentSigner, seal_and_queue
from sync.provisioning import build_csr, provision
from sync.renewal import pending
from tests.fixtures.pki import STATION_ID
from tests.station.test_outbox_command import station


@pytest.fixture
def provisioned(pki: PkiPaths, cert_service: CertService, tmp_path: Path, capsys) -> Path:
    """A station provisioned at the CERT (token, own key), and its configuration file."""
    assert cert_cli(["station", "add", STATION_ID, "--data-dir", str(cert_service.data_dir)]) == 0
    token = capsys.readouterr().out.strip()
    done = provision(cert_service.url, token, STATION_ID, pki.pem("cert-ca"), tmp_path / "own-pki")
    setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                         data_dir=tmp_path / "station", cert_url=cert_service.url, pki=pki,
                         outbox_base_delay_s=0.2, outbox_max_delay_s=1.0,
                         client_cert=done.certificate, client_key=done.key)
    return write_station(setup, tmp_path / "station.toml")


def queue_one(config_file: Path, agent_signer: AgentSigner) -> str:
    cfg = config_mod.load(config_file)
    store = open_store(cfg)
    try:
        d = complete_dossier(birth=date(1980, 3, 2))
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        seal_and_queue(store, d.id, load_sealer(cfg), agent_signer)
        return d.id
    finally:
        store.close()


def fee_stamp_status(svc: CertService, pki: PkiPaths, cert: Path, key: Path) -> tuple[int, str | None]:
    with requests.Session() as s:
        s.trust_env, s.verify, s.cert = False, str(pki.pem("cert-ca")), (str(cert), str(key))
        r = s.get(f"{svc.url}/v1/fee-stamps/{FEE_STAMPS['valid_86']}", timeout=10)
    return r.status_code, r.json().get("error")


def test_a_revoked_station_is_told_in_french_and_keeps_its_dossier(provisioned, cert_service, agent_signer):
    dossier = queue_one(provisioned, agent_signer)
    assert cert_cli(["station", "revoke", STATION_ID, "--reason", "volé", "--data-dir",
                     str(cert_service.data_dir)]) == 0

    flushed = station("--config", str(provisioned), "outbox", "flush")
    assert flushed.returncode == 3, flushed.stderr
    assert "certificat de ce poste a été révoqué" in flushed.stdout and "contactez le CERT" in flushed.stdout
    report = json.loads(station("--config", str(provisioned), "outbox", "--json").stdout)
    assert report["summary"]["last_error"]["code"] == "cert.station_revoked"
    assert [w["dossier_id"] for w in report["waiting"]] == [dossier]
    assert cert_service.received() == []

    renewal = station("--config", str(provisioned), "renew-certificate")
    assert renewal.returncode == 1 and "révoqué" in renewal.stderr


def test_renew_certificate_installs_a_new_pair_that_the_outbox_then_uses(provisioned, cert_service, pki, tmp_path,
        agent_signer):
    cfg = config_mod.load(provisioned)
    cert_path, key_path = cfg.cert.client_cert, cfg.cert.client_key
    old = tmp_path / "old"
    old.mkdir()
    old_cert, old_key = Path(shutil.copy(cert_path, old)), Path(shutil.copy(key_path, old))
    dossier = queue_one(provisioned, agent_signer)  # sealed (signed) with the old key, sent after the renewal

    run = station("--config", str(provisioned), "renew-certificate")
    assert run.returncode == 0, run.stderr
    assert f"Nouveau certificat du poste {STATION_ID} installé" in run.stdout
    new = x509.load_pem_x509_certificate(cert_path.read_bytes())
    assert new.serial_number != x509.load_pem_x509_certificate(old_cert.read_bytes()).serial_number
    assert key_path.read_bytes() != old_key.read_bytes()
    assert sorted(p.name for p in cert_path.parent.iterdir()) == ["station-chain.pem", "station.key", "station.pem"]

    flushed = station("--config", str(provisioned), "outbox", "flush")
    assert flushed.returncode == 0, flushed.stdout + flushed.stderr
    assert [r.idempotency_key for r in cert_service.received()] == [dossier]
    # The CERT has seen the new certificate: the old one is shut out.
    assert fee_stamp_status(cert_service, pki, old_cert, old_key) == (403, "station_revoked")


def test_a_renewal_cut_between_its_two_renames_is_completed_by_the_next_outbox_run(
        provisioned, cert_service, pki, tmp_path, agent_signer):
    cfg = config_mod.load(provisioned)
    cert_path, key_path = cfg.cert.client_cert, cfg.cert.client_key
    dossier = queue_one(provisioned, agent_signer)
    # What a power cut leaves after the key was renamed: the new key in place, the new certificate pending.
    new_key = ec.generate_private_key(ec.SECP256R1())
    with requests.Session() as s:
        s.trust_env, s.verify, s.cert = False, str(pki.pem("cert-ca")), (str(cert_path), str(key_path))
        r = s.post(f"{cert_service.url}/v1/stations/renew", json={"csr": build_csr(new_key, STATION_ID)},
                   timeout=10)
    assert r.status_code == 201
    key_path.write_bytes(new_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    pending(cert_path).write_text(r.json()["certificate"])

    flushed = station("--config", str(provisioned), "outbox", "flush")
    assert flushed.returncode == 0, flushed.stdout + flushed.stderr
    assert [d.idempotency_key for d in cert_service.received()] == [dossier]
    assert not pending(cert_path).exists()
    assert fee_stamp_status(cert_service, pki, cert_path, key_path)[0] == 200
