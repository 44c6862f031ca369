"""`station audit verify|show` as a technician runs them on the station's own configuration and SQLCipher
store, after someone with the store key edited or deleted an entry in the file behind the station's back;
and the configuration's changes recorded at start-up, its secrets left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlcipher3

from enrollment.audit import AuditEvent
from installer.pki import PkiPaths
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.audit_trail import AuditTrail, open_trail
from station.cli import main
from station.context import open_store, transport_settings
from sync import CertClient, OutboxWorker
from tests.fixtures.pki import STATION_ID

DOSSIER = "0b7e3c52-8d1f-4a7e-9c1d-2f3a4b5c6d7e"


def write(pki: PkiPaths, tmp_path: Path, **overrides: object) -> Path:
    setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                         data_dir=tmp_path / "station", cert_url="https://127.0.0.1:9", pki=pki, **overrides)
    return write_station(setup, tmp_path / "station.toml")


@pytest.fixture
def station_toml(pki: PkiPaths, tmp_path: Path) -> Path:
    """A station whose agent logged in, created and sealed a dossier, and whose session locked."""
    path = write(pki, tmp_path)
    store = open_store(config_mod.load(path))
    trail = AuditTrail(store.audit, STATION_ID)
    trail.record(AuditEvent.LOGIN, "AG-0001")
    trail.record(AuditEvent.DOSSIER_CREATED, "AG-0001", dossier_id=DOSSIER)
    trail.record(AuditEvent.DOSSIER_SEALED, "AG-0001", dossier_id=DOSSIER)
    trail.record(AuditEvent.LOCK, "AG-0001", reason="inactivity")
    store.close()
    return path


def in_the_file(station_toml: Path, *sql: str) -> None:
    """Open the SQLCipher file with the store key, as whoever holds it could, and change it there."""
    config = config_mod.load(station_toml)
    db = sqlcipher3.connect(str(config.store_path))
    db.execute(f"PRAGMA key = \"x'{config.key_file.read_text().strip()}'\"")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f"DROP TRIGGER {name}")
    for statement in sql:
        db.execute(statement)
    db.commit()
    db.close()


def audit(station_toml: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--config", str(station_toml), "audit", *args])
    return code, capsys.readouterr().out


def test_an_unbroken_trail_verifies(station_toml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = audit(station_toml, capsys, "verify")
    assert code == 0
    assert out.splitlines() == ["Journal d'audit intègre : entrées n° 1 à 4 sur le poste (4).",
                                "Le CERT n'en a encore reçu aucune.",
                                "4 entrée(s) en attente d'envoi au CERT."]


def test_an_entry_edited_in_the_file_is_named(station_toml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_the_file(station_toml, "UPDATE audit SET agent_id = 'AG-0002' WHERE seq = 3")
    code, out = audit(station_toml, capsys, "verify")
    assert code == 1
    assert "Journal d'audit altéré : l'entrée n° 3 a été modifiée après son enregistrement" in out
    code, out = audit(station_toml, capsys, "verify", "--json")
    assert code == 1 and json.loads(out)["break"] == {"seq": 3, "kind": "edited"}


def test_an_entry_deleted_from_the_file_is_a_gap(station_toml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_the_file(station_toml, "DELETE FROM audit WHERE seq = 2")
    code, out = audit(station_toml, capsys, "verify")
    assert code == 1 and "l'entrée n° 2 a été supprimée" in out


def test_show_lists_the_latest_entries_with_ids_and_codes(station_toml: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out = audit(station_toml, capsys, "show", "--last", "2")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("n° 3 — ") and lines[1].startswith("n° 4 — ")
    assert lines[0].endswith(f"— dossier scellé — agent AG-0001 — dossier {DOSSIER}")
    assert lines[1].endswith("— verrouillage — agent AG-0001 — motif inactivity")
    code, out = audit(station_toml, capsys, "show", "--json")
    shown = json.loads(out)
    assert [e["event"] for e in shown["entries"]] == ["login", "dossier_created", "dossier_sealed", "lock"]
    assert shown["last_seq"] == 4 and shown["unsent"] == 4


def test_a_configuration_change_is_recorded_at_start_and_a_secret_is_not_part_of_it(pki: PkiPaths,
                                                                                   tmp_path: Path) -> None:
    def start(**overrides: object) -> list[tuple[str, str | None]]:
        config = config_mod.load(write(pki, tmp_path, **overrides))
        store, client = open_store(config), CertClient(transport_settings(config))  # the client stays unused
        try:
            open_trail(config, store, client, OutboxWorker(store, client, trust_anchor_pem=b""))
            return [(e.event.value, e.reason) for e in store.audit.entries()]
        finally:
            store.close()

    first = start()
    assert first == [("configuration_changed", "first")]
    assert start() == first  # the same configuration again: nothing to record
    assert start(rdv_token="another-secret-token") == first  # a secret changed: not the trail's business
    assert start(inactivity_timeout_s=300) == [*first, ("configuration_changed", "changed")]
