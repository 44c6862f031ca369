"""Signed updates end to end: the test CERT's TUF repository served over real HTTPS with client
certificates, stations checking, verifying, installing and refusing with `station update`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata

from cert.updates.repository import UpdateRepository
from devstation.cert_service import CertService
from devstation.fake_release import make_release
from enrollment.audit import AuditEvent
from station.updates import events
from station.updates.service import confirm_at_start
from sync.strings import message as sync_message
from sync.updates.rollout import bucket

from .conftest import RUNNING, UpdatingStation

A, B = "DR-21231-0A", "DR-21231-0B"


@pytest.fixture
def repo(cert_service: CertService) -> UpdateRepository:
    return cert_service.updates


class Trail:
    """Stands in for the audit trail to read what an update noted for it."""

    def __init__(self) -> None:
        self.entries: list[tuple[AuditEvent, str | None, str | None]] = []

    def record(self, event: AuditEvent, *, ref: str | None = None, reason: str | None = None) -> None:
        self.entries.append((event, ref, reason))


def noted(station: UpdatingStation) -> list[tuple[AuditEvent, str | None, str | None]]:
    trail = Trail()
    events.flush(station.config.updates_dir, trail)  # type: ignore[arg-type]
    return trail.entries


def recorded(station: UpdatingStation) -> list[tuple[str, str | None, str | None]]:
    """The update entries of the station's own audit trail (SQLCipher store), once it opens as at start."""
    from station.audit_trail import open_trail
    from station.context import open_store, transport_settings
    from sync import CertClient, OutboxWorker

    config = station.config
    store, client = open_store(config), CertClient(transport_settings(config))
    try:
        open_trail(config, store, client, OutboxWorker(store, client, trust_anchor_pem=b"").backoff_s)
        assert store.audit.verify() is None
        return [(e.event.value, e.ref, e.reason) for e in store.audit.entries() if e.event.value.startswith("update")]
    finally:
        store.close()
        client.close()


def test_a_release_rolled_out_to_one_of_two_stations_is_installed_there_only_then_rolled_back(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a, b = make_updating_station(A), make_updating_station(B)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0", percent=0, stations=(A,))

    code, out = a.command("check", capsys)
    assert code == 0 and "version 1.1.0" in out and "prête" in out
    code, out = a.command("install", capsys)
    assert code == 0 and "1.1.0 est installée" in out
    assert (a.layout.current, a.layout.previous) == ("1.1.0", RUNNING)

    code, out = b.command("check", capsys)
    assert code == 0 and sync_message("update.not_offered", version="1.1.0") in out
    assert b.command("install", capsys)[0] == 1
    assert b.layout.current == RUNNING and b.layout.installed() == [RUNNING]

    # A's first real start: its self-test now fails on this machine, so the previous version comes back.
    (a.layout.folder("1.1.0") / "selftest-rc").write_text("1")
    assert confirm_at_start(a.config) == ("rolled_back", RUNNING)
    assert a.layout.current == RUNNING and a.layout.installed() == [RUNNING]
    assert recorded(a) == [("update_rolled_back", RUNNING, None)]  # in the station's real trail, chained
    code, out = a.command("status", capsys)
    assert f"Version en service : {RUNNING}" in out


def test_a_confirmed_first_start_is_recorded_as_installed(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    assert a.command("check", capsys)[0] == 0 and a.command("install", capsys)[0] == 0
    assert confirm_at_start(a.config) == ("installed", "1.1.0")
    assert noted(a) == [(AuditEvent.UPDATE_INSTALLED, "1.1.0", None)]


def test_a_release_whose_self_test_fails_at_install_is_refused_and_recorded(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0", self_test_rc=1), "1.1.0")
    assert a.command("check", capsys)[0] == 0
    code, out = a.command("install", capsys)
    assert code == 1 and "autotest a échoué" in out
    assert a.layout.current == RUNNING and a.layout.installed() == [RUNNING]
    assert noted(a) == [(AuditEvent.UPDATE_REFUSED, "1.1.0", "self_test")]


def test_a_station_outside_the_percentage_waits_and_takes_it_once_mandatory(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0", percent=bucket(A), grace_days=1)
    code, out = a.command("check", capsys)
    assert sync_message("update.not_offered", version="1.1.0") in out
    repo.rollout("1.1.0", bucket(A) + 1)  # widened by the CERT, signed: now it includes A
    code, out = a.command("check", capsys)
    assert "version 1.1.0" in out and "(obligatoire)" not in out

    repo.publish(make_release(tmp_path, "1.2.0"), "1.2.0", percent=0, grace_days=0)  # mandatory at once
    code, out = a.command("check", capsys)
    assert "version 1.2.0 (obligatoire)" in out


def test_an_older_release_is_never_offered_however_well_signed(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "0.9.0"), "0.9.0")
    code, out = a.command("check", capsys)
    assert code == 0 and sync_message("update.downgrade", version="0.9.0") in out
    assert "Aucune mise à jour disponible" in out
    assert a.command("install", capsys)[0] == 1 and a.layout.current == RUNNING


def test_a_tampered_archive_is_refused(make_updating_station: Callable[[str], UpdatingStation],
                                       repo: UpdateRepository, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    release = repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    stored = repo.targets / f"{release.sha256}.{release.name}"
    data = bytearray(stored.read_bytes())
    data[-1] ^= 0xFF  # same length, one bit of difference: only the signed hash can tell
    stored.write_bytes(bytes(data))
    code, out = a.command("check", capsys)
    assert code == 1 and sync_message("update.tampered") in out
    staged = a.config.updates_dir / "staged"
    assert staged.is_dir() and not any(staged.iterdir())  # nothing kept of the refused download
    assert a.command("install", capsys)[0] == 1 and a.layout.current == RUNNING


def test_a_replayed_older_metadata_set_is_refused(make_updating_station: Callable[[str], UpdatingStation],
                                                  repo: UpdateRepository, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    old = tmp_path / "old-metadata"
    shutil.copytree(repo.metadata, old)  # the set without any release, validly signed
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    assert a.command("check", capsys)[0] == 0  # the station has now seen the newer set
    shutil.copyfile(old / "timestamp.json", repo.metadata / "timestamp.json")  # someone serves the old one
    code, out = a.command("check", capsys)
    assert code == 1 and sync_message("update.replayed") in out


def test_expired_metadata_are_refused(make_updating_station: Callable[[str], UpdatingStation],
                                      repo: UpdateRepository, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    # A timestamp signed two days ago for one day, as if the daily re-signing had stopped.
    UpdateRepository(repo.root.parent, clock=lambda: datetime.now(UTC) - timedelta(days=2)).refresh_timestamp()
    code, out = a.command("check", capsys)
    assert code == 1 and sync_message("update.expired") in out


def test_metadata_signed_with_a_key_the_root_does_not_name_are_refused(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    assert a.command("check", capsys)[0] == 0
    forged = Metadata.from_file(str(repo.metadata / "timestamp.json"))
    forged.signed.version += 1
    forged.signatures.clear()
    forged.sign(CryptoSigner.generate_ed25519())  # anyone's key, not the timestamp role's
    (repo.metadata / "timestamp.json").write_bytes(forged.to_bytes())
    code, out = a.command("check", capsys)
    assert code == 1 and sync_message("update.unsigned") in out

    unsigned = json.loads((repo.metadata / "timestamp.json").read_bytes())
    unsigned["signatures"] = []
    (repo.metadata / "timestamp.json").write_text(json.dumps(unsigned))
    code, out = a.command("check", capsys)
    assert code == 1 and sync_message("update.unsigned") in out


def test_the_update_thread_stages_a_release_and_installs_it_when_told_the_station_is_idle(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path) -> None:
    import queue

    from station.context import update_worker

    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    heard: queue.Queue[tuple[str, str, str]] = queue.Queue()
    worker = update_worker(a.config)
    worker.listener = lambda *event: heard.put(event)
    worker.first_check_delay_s = 0
    worker.start()
    try:
        assert heard.get(timeout=60) == ("ready", "1.1.0", "")
        assert a.layout.current == RUNNING  # downloaded and verified, not installed: the window was not idle
        worker.idle()
        assert heard.get(timeout=60) == ("installed", "1.1.0", "")
        assert a.layout.current == "1.1.0"
    finally:
        worker.stop()


def test_a_station_without_its_trusted_root_verifies_nothing(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    a.config.trusted_root.unlink()
    code, out = a.command("check", capsys)
    assert code == 1 and "fichier de confiance des mises à jour est introuvable" in out
    assert not (a.config.updates_dir / "metadata").exists() and a.layout.current == RUNNING
    code, out = a.command("status", capsys)  # the technician sees why
    assert "introuvable" in out


def test_a_start_that_rolls_back_hands_over_to_the_previous_version(
        make_updating_station: Callable[[str], UpdatingStation], repo: UpdateRepository, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import subprocess
    import sys

    from devstation.cert_service import REPO_ROOT

    a = make_updating_station(A)
    repo.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    assert a.command("check", capsys)[0] == 0 and a.command("install", capsys)[0] == 0
    (a.layout.folder("1.1.0") / "selftest-rc").write_text("1")
    started = tmp_path / "previous-started"
    previous = a.layout.folder(RUNNING) / "station"  # the old build records that it was started, and how
    previous.write_text(f'#!/bin/sh\necho "$@" > "{started}"\n')

    # `station` as the launcher starts it: its first act rolls back and execs the previous build.
    done = subprocess.run([sys.executable, "-m", "station.cli", "--config", str(a.config_path)], cwd=REPO_ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert started.read_text().split() == ["--config", str(a.config_path)]
    assert a.layout.current == RUNNING and a.layout.installed() == [RUNNING]
