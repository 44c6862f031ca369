"""`station outbox [flush] [--json]` as a technician runs it: a separate process, the station's own
configuration and SQLCipher store (held open here at the same time, as by a running station), and the real
CERT service over mutual TLS, stopped for an outage then started again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from devstation.cert_service import CertService
from devstation.factories import SURNAME, complete_dossier
from enrollment.model import State
from enrollment.store import Store
from installer.pki import PkiPaths
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.context import open_store
from sync.package import AgentSigner, Sealer, seal_and_queue
from tests.fixtures.pki import STATION_ID

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def station_files(pki: PkiPaths, cert_service: CertService, tmp_path: Path) -> Path:
    setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                         data_dir=tmp_path / "station", cert_url=cert_service.url, pki=pki,
                         outbox_base_delay_s=0.2, outbox_max_delay_s=1.0)
    return write_station(setup, tmp_path / "station.toml")


@pytest.fixture
def store(station_files: Path) -> Iterator[Store]:
    s = open_store(config_mod.load(station_files))
    yield s
    s.close()


def station(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != config_mod.ENV_VAR}
    return subprocess.run([sys.executable, "-m", "station.cli", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def queue_dossiers(store: Store, sealer: Sealer, agent_signer: AgentSigner, n: int) -> list[str]:
    ids = []
    for i in range(n):
        d = complete_dossier(birth=date(1980 + i, 3, 2))
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        seal_and_queue(store, d.id, sealer, agent_signer)
        ids.append(d.id)
    return ids


def test_outbox_shows_the_queue_then_flush_drains_it_once_the_cert_is_back(
    station_files: Path, store: Store, sealer: Sealer, agent_signer, cert_service: CertService,
) -> None:
    config = str(station_files)
    empty = station("--config", config, "outbox")
    assert empty.returncode == 0, empty.stderr
    assert "Aucun dossier en attente d'envoi." in empty.stdout

    cert_service.stop()
    ids = queue_dossiers(store, sealer, agent_signer, 2)

    shown = station("outbox", "--config", config)
    assert shown.returncode == 0, shown.stderr
    assert "2 dossiers en attente d'envoi, le plus ancien depuis moins d'une minute" in shown.stdout
    for dossier_id in ids:
        assert dossier_id in shown.stdout
    assert "Dernière erreur" not in shown.stdout  # nothing tried yet

    down = station("--config", config, "outbox", "flush")
    assert down.returncode == 3, down.stderr
    assert "Envoyés et accusés par le CERT : 0. Restant en attente : 2." in down.stdout
    assert "Dernière erreur : " in down.stdout and "injoignable" in down.stdout
    assert cert_service.received() == []

    as_json = station("--config", config, "outbox", "--json")
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    assert report["summary"]["count"] == 2 and report["summary"]["overdue"] is False
    assert report["summary"]["last_error"]["code"] == "cert.unreachable"
    assert [w["dossier_id"] for w in report["waiting"]] == ids
    assert all(w["state"] == "queued" and w["attempts"] == 1 and w["last_error_code"] == "cert.unreachable"
               for w in report["waiting"])
    assert SURNAME not in as_json.stdout and SURNAME not in down.stdout  # ids and codes only, never a name

    cert_service.start()
    back = station("--config", config, "outbox", "flush", "--json")
    assert back.returncode == 0, back.stderr
    flushed = json.loads(back.stdout)
    assert sorted(flushed["flush"]["sent"]) == sorted(ids)
    assert flushed["summary"]["count"] == 0 and flushed["waiting"] == []

    held = [r.idempotency_key for r in cert_service.received()]
    assert sorted(held) == sorted(ids), "each dossier exactly once at the CERT"
    # The store this test kept open sees what the other process did.
    assert all(store.dossiers.state_of(i) is State.PURGED for i in ids)
    assert store.outbox.status().count == 0

    again = station("--config", config, "outbox", "flush")
    assert again.returncode == 0 and "Envoyés et accusés par le CERT : 0. Restant en attente : 0." in again.stdout
    assert len(cert_service.received()) == 2


def test_outbox_with_a_broken_configuration_says_so_in_french(tmp_path: Path) -> None:
    bad = tmp_path / "station.toml"
    bad.write_text("station_id = 'DR-1'\n")
    run = station("--config", str(bad), "outbox")
    assert run.returncode == 2
    assert "configuration" in run.stderr and "Traceback" not in run.stderr


def test_outbox_delays_are_validated_with_the_field_named(pki: PkiPaths, tmp_path: Path) -> None:
    from station.errors import ConfigError

    base = dict(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                data_dir=tmp_path / "station", cert_url="https://127.0.0.1:9", pki=pki)
    defaults = config_mod.load(write_station(StationSetup(**base), tmp_path / "ok.toml")).outbox
    assert (defaults.alert_after_minutes, defaults.receipt_retention_days) == (240, 30)
    for field, setup in (("receipt_retention_days", StationSetup(**base, outbox_receipt_retention_days=0)),
                         ("alert_after_minutes", StationSetup(**base, outbox_alert_after_minutes=0))):
        with pytest.raises(ConfigError) as err:
            config_mod.load(write_station(setup, tmp_path / f"{field}.toml"))
        assert f"outbox.{field}" in err.value.message


@pytest.mark.parametrize("wrong_key", ["cert-server", "cert-encryption"])
def test_a_receipt_signed_with_another_key_of_the_cert_purges_nothing_and_outbox_says_why(
    pki: PkiPaths, sealer: Sealer, agent_signer, tmp_path: Path, wrong_key: str,
) -> None:
    # A CERT whose "receipt key" is really its TLS server (or encryption) key: it receives and
    # acknowledges, but whoever holds that key must not be able to make a station purge.
    rogue = PkiPaths(tmp_path / "rogue-pki")
    shutil.copytree(pki.root, rogue.root)
    for suffix in ("pem", "key"):
        shutil.copy(pki.root / f"{wrong_key}.{suffix}", rogue.root / f"cert-receipt.{suffix}")
    service = CertService(rogue, tmp_path / "cert-data")
    service.start()
    try:
        setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                             data_dir=tmp_path / "station", cert_url=service.url, pki=pki)
        config = str(write_station(setup, tmp_path / "station.toml"))
        store = open_store(config_mod.load(Path(config)))
        try:
            [dossier_id] = queue_dossiers(store, sealer, agent_signer, 1)
            flushed = station("--config", config, "outbox", "flush")
            assert flushed.returncode == 3, flushed.stderr
            assert [r.idempotency_key for r in service.received()] == [dossier_id]  # the CERT did receive it
            assert store.dossiers.state_of(dossier_id) is not State.PURGED
            assert store.dossiers.load(dossier_id).civil.surname == SURNAME  # nothing was lost
        finally:
            store.close()
    finally:
        service.stop()

    shown = station("--config", config, "outbox")
    assert shown.returncode == 0, shown.stderr
    assert "1 dossier en attente d'envoi" in shown.stdout
    assert "non habilité à signer des accusés" in shown.stdout
    report = json.loads(station("--config", config, "outbox", "--json").stdout)
    assert report["summary"]["last_error"]["code"] == "receipt.signer_not_authorised"
    assert [w["dossier_id"] for w in report["waiting"]] == [dossier_id]


def test_outbox_run_keeps_sending_until_stopped(
    station_files: Path, store: Store, sealer: Sealer, agent_signer, cert_service: CertService,
) -> None:
    """`station outbox run`, the installed station's outbox service: dossiers sealed during an outage leave
    once the CERT is back, on the outbox's own retries, with nobody asking; SIGTERM stops it cleanly."""
    import signal
    import time

    cert_service.stop()
    ids = queue_dossiers(store, sealer, agent_signer, 2)
    env = {k: v for k, v in os.environ.items() if k != config_mod.ENV_VAR}
    service = subprocess.Popen([sys.executable, "-m", "station.cli", "--config", str(station_files), "outbox", "run"],
                               cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "Envoi des dossiers et du journal d'audit au CERT en continu" in service.stdout.readline()
        deadline = time.monotonic() + 60
        while not any(e.attempts for e in store.outbox.waiting()) and time.monotonic() < deadline:
            time.sleep(0.1)  # the first round meets the outage
        cert_service.start()
        while store.outbox.status().count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(store.dossiers.state_of(i) is State.PURGED for i in ids)
        assert sorted(r.idempotency_key for r in cert_service.received()) == sorted(ids)
    finally:
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=60)
    assert service.returncode == 0, err
    assert "Envoi arrêté : 0 dossier(s) en attente." in out
