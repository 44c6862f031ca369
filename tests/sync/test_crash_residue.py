"""After sealing, no capture is left in the store's files: not the photo, nor either print's
image or template, nor the signature or the documents; neither in the main file nor in the WAL, raw or
decrypted with the store's key, whether the station goes on working, is killed right after sealing, or is
killed between the sealing transaction and its checkpoint (then the restarted station clears them).

The helpers (the station child process, the invariants, the residue search) are the crash tests' own:
tests/sync/crash_helpers.py, tests/enrollment/residue.py.
"""

from __future__ import annotations

from pathlib import Path

from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import FileKeyProvider, Store
from installer.pki import PkiPaths
from sync import Sealer, seal_and_queue

from .crash_child import open_store
from .crash_helpers import Child, add_complete_dossiers, check_invariants, factory_markers, store_residue, wait_until

CHUNK = 16 * 1024  # as in test_crash_safety.py (unused here: these children only seal)


def _store_with_complete_dossiers(tmp_path: Path, count: int) -> tuple[Path, list[str]]:
    store_dir = tmp_path / "station"
    FileKeyProvider(store_dir / "store.key").create()
    store = open_store(store_dir)
    try:
        return store_dir, add_complete_dossiers(store, count)
    finally:
        store.close()


def test_sealing_leaves_no_capture_of_any_kind_in_the_store_files(store: Store, sealer: Sealer, agent_signer) -> None:
    [dossier_id] = add_complete_dossiers(store, 1)
    store_dir = store.db.path.parent
    # The search does find each capture while the dossier holds it: photo, both prints' images and
    # templates, signature, document.
    before = {found.split(" in ")[0] for found in store_residue(store_dir)}
    assert before == set(factory_markers())

    seal_and_queue(store, dossier_id, sealer, agent_signer)

    assert store_residue(store_dir) == []  # the store still open, as the station goes on working


def test_station_killed_right_after_sealing_leaves_no_capture_in_the_store_files(
    tmp_path: Path, pki: PkiPaths, cert_service: CertService
) -> None:
    store_dir, ids = _store_with_complete_dossiers(tmp_path, 2)
    child = Child(store_dir, pki, cert_service.url, tmp_path / "children.log")
    child.go("seal-hold")
    wait_until(lambda: "sealing-done" in [text for _, text in child.lines], 120, "both dossiers sealed")
    assert child.kill()

    # The files as the kill left them, before anything reopens the store.
    assert store_residue(store_dir) == []
    snap = check_invariants(store_dir, ids, cert_service, "killed after sealing")
    assert snap.count(State.QUEUED) == 2


def test_a_restarted_station_clears_the_captures_a_kill_before_the_checkpoint_left_in_the_wal(
    tmp_path: Path, pki: PkiPaths, cert_service: CertService
) -> None:
    store_dir, ids = _store_with_complete_dossiers(tmp_path, 2)
    child = Child(store_dir, pki, cert_service.url, tmp_path / "children.log", CHUNK, "--kill-before-checkpoint")
    child.go("seal-hold")
    wait_until(lambda: "sealing-done" in [text for _, text in child.lines], 120, "both dossiers sealed")
    assert child.kill()
    assert store_residue(store_dir), "the kill before the checkpoint should have left captures in the WAL"

    # check_invariants opens the store as the restarted station does, and searches its files while open.
    snap = check_invariants(store_dir, ids, cert_service, "killed before the checkpoint")
    assert snap.count(State.QUEUED) == 2
