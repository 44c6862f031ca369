"""What the crash tests share: the station child process they kill, and the invariants they check after
every kill by opening the store themselves (as a restarted station would) and reading the CERT's records.

The invariants are the station's promise: no dossier lost, none sealed half-way, none twice at the CERT;
and a sealed dossier keeps none of its captures, neither in its stored copy nor anywhere in the
store's files (main file and WAL, raw and decrypted).
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cert.storage import Storage
from devstation.cert_service import REPO_ROOT, CertService
from devstation.factories import complete_dossier
from enrollment.model import Dossier, State
from enrollment.store import FileKeyProvider, Store
from installer.pki import PkiPaths
from tests.enrollment.residue import capture_markers, looks_decrypted, residue
from tests.fixtures.pki import STATION_ID

from .crash_child import open_store

# What a dossier may be after any crash; `sealed` is only ever seen inside the sealing transaction.
SETTLED = {State.COMPLETE, State.QUEUED, State.SENT, State.ACKNOWLEDGED, State.PURGED}
WITH_PACKAGE = {State.QUEUED, State.SENT, State.ACKNOWLEDGED}  # purge deletes the package last


def add_complete_dossiers(store: Store, count: int) -> list[str]:
    """`count` realistic complete dossiers (devstation/factories.py), saved; their ids."""
    ids = []
    for _ in range(count):
        d = complete_dossier()
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        ids.append(d.id)
    return ids


class Child:
    """One run of tests/sync/crash_child.py. Started ahead (it imports for seconds, then waits), released
    with `go(mode)`, and either killed with SIGKILL or waited for."""

    def __init__(self, store_dir: Path, pki: PkiPaths, cert_url: str, log: Path,
                 chunk_bytes: int = 16 * 1024, *options: str) -> None:
        self.mode = ""
        self.lines: list[tuple[float, str]] = []  # (monotonic time, progress line)
        self._ready = threading.Event()
        with log.open("a") as err:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.crash_child", "--store-dir", str(store_dir),
                 "--pki", str(pki.root), "--cert-url", cert_url, "--chunk-bytes", str(chunk_bytes),
                 *options],
                cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self.lines.append((time.monotonic(), line.strip()))
            if line.strip() == "ready":
                self._ready.set()
        self._ready.set()  # EOF: do not leave go() waiting on a child that died

    def go(self, mode: str, timeout_s: float = 120.0) -> float:
        """Let it open the store and work in `mode`; returns the monotonic time it said `ready`."""
        assert self._proc.stdin is not None
        self.mode = mode
        self._proc.stdin.write(f"go {mode}\n")
        self._proc.stdin.flush()
        if not self._ready.wait(timeout_s) or not self.lines or self.lines[0][1] != "ready":
            raise AssertionError(f"crash child ({self.mode}) did not start, rc={self._proc.poll()}")
        return self.lines[0][0]

    def kill(self) -> bool:
        """SIGKILL now; True if it was still working (False if it had already finished on its own)."""
        alive = self._proc.poll() is None
        if alive:
            os.kill(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        self._reader.join(5)
        return alive and self._proc.returncode == -signal.SIGKILL

    def wait(self, timeout_s: float) -> int:
        try:
            rc = self._proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"crash child ({self.mode}) did not finish in {timeout_s} s") from None
        self._reader.join(5)
        return rc

    def time_of(self, line: str) -> float:
        return next(t for t, text in self.lines if text == line)

    @property
    def sealing(self) -> str | None:
        """The dossier whose `seal_and_queue` the child was inside when it stopped, if any."""
        texts = [text for _, text in self.lines]
        return texts[-1].split()[1] if texts and texts[-1].startswith("seal ") else None

    @property
    def phase(self) -> str:
        """Where the child was when it stopped: mid-seal (inside seal_and_queue), sealing (between two
        dossiers), sending, finished."""
        texts = [text for _, text in self.lines]
        if "done" in texts or (self.mode == "seal" and "sealing-done" in texts):
            return "finished"
        if self.mode in ("seal", "both") and "sealing-done" not in texts:
            return "mid-seal" if texts and texts[-1].startswith("seal ") else "sealing"
        return "sending"


@dataclass
class Snapshot:
    states: Counter = field(default_factory=Counter)  # dossiers per state
    at_cert: int = 0
    by_id: dict[str, State] = field(default_factory=dict)

    def count(self, *states: State) -> int:
        return sum(self.states[s] for s in states)


def check_invariants(store_dir: Path, ids: Iterable[str], service: CertService, context: str) -> Snapshot:
    """Open the store as a restarted station would and check every dossier against the CERT's records."""
    ids = list(ids)
    store = open_store(store_dir)
    try:
        with store.db.reading() as conn:
            states = {i: State(s) for i, s in conn.execute("SELECT id, state FROM dossiers")}
            has_data = {i: d for i, d in conn.execute("SELECT id, data IS NOT NULL FROM dossiers")}
            outbox = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
                "SELECT dossier_id, idempotency_key, package, package_sha256 FROM outbox")}
            receipts = {r[0]: (r[1], r[2]) for r in conn.execute(
                "SELECT dossier_id, cert_number, package_sha256 FROM receipts")}
        kept = {i: store.dossiers.load(i) for i, s in states.items() if s is not State.PURGED}
        # Read while open, after the opening a restarted station does. Every dossier here has the same
        # captures (the factory's), so they may be searched for only once none is complete any more.
        left = [] if State.COMPLETE in states.values() else store_residue(store_dir)
    finally:
        store.close()
    held = service.received()
    keys = [r.idempotency_key for r in held]
    at_cert = {r.idempotency_key: r for r in held}
    where = f"[{context}]"

    assert len(keys) == len(set(keys)), f"{where} an idempotency key appears twice at the CERT"
    assert set(keys) <= set(ids), f"{where} the CERT holds a dossier that is not ours"
    assert all(r.station_id == STATION_ID for r in held), f"{where} a CERT dossier names another station"
    assert set(states) == set(ids), f"{where} dossiers lost or appeared in the store"
    assert set(outbox) <= set(ids), f"{where} a package without its dossier"
    assert not left, f"{where} captures of sealed dossiers left in the store's files: {left}"
    snap = Snapshot(Counter(states.values()), len(held), states)
    for i in ids:
        state = states[i]
        assert state in SETTLED, f"{where} dossier {i} left in state {state}"
        assert (i in outbox) == (state in WITH_PACKAGE), f"{where} dossier {i} is {state}, package: {i in outbox}"
        if state is State.COMPLETE:
            assert captures_held(kept[i]) == CAPTURES, f"{where} complete dossier {i} lost captures"
            assert i not in at_cert, f"{where} dossier {i} at the CERT but never sealed"
        if i in outbox:
            key, package, sha = outbox[i]
            assert key == i and hashlib.sha256(package).hexdigest() == sha, f"{where} package of {i} damaged"
            assert not captures_held(kept[i]), \
                f"{where} sealed dossier {i} still holds in clear: {sorted(captures_held(kept[i]))}"
            if i in at_cert:  # a resend must carry the very package the CERT already holds
                assert at_cert[i].package_sha256 == sha, f"{where} dossier {i} resealed after reaching the CERT"
        if state in (State.ACKNOWLEDGED, State.PURGED):
            assert i in receipts and i in at_cert, f"{where} dossier {i} acknowledged without CERT record"
            number, sha = receipts[i]
            assert (number, sha) == (at_cert[i].dossier_number, at_cert[i].package_sha256), \
                f"{where} receipt of {i} does not match the CERT's record"
        if state is State.PURGED:
            assert not has_data[i], f"{where} purged dossier {i} still holds personal data"
    return snap


CAPTURES = frozenset({"photo", "fingerprints", "signature", "documents"})


def captures_held(d: Dossier) -> set[str]:
    """Which kinds of capture the stored dossier still holds (each kind checked on its own)."""
    held = {"photo": d.photo is not None, "fingerprints": bool(d.fingerprints),
            "signature": d.signature is not None, "documents": bool(d.documents)}
    return {kind for kind, present in held.items() if present}


@functools.cache
def factory_markers() -> dict[str, list[bytes]]:
    """Distinctive bytes of each capture of the factory's dossiers (tests/enrollment/residue.py)."""
    return capture_markers(complete_dossier())


def store_residue(store_dir: Path) -> list[str]:
    """The factory captures found in the store's main file or WAL, raw or decrypted with its key."""
    key = FileKeyProvider(store_dir / "store.key").get_key()
    assert looks_decrypted(store_dir / "store.db", key), "the residue search cannot decrypt this store"
    return residue(store_dir / "store.db", key, factory_markers())


def cert_packages(service: CertService) -> dict[str, bytes]:
    """The package bytes the CERT stored, by idempotency key."""
    storage = Storage(service.data_dir)
    try:
        return {r.idempotency_key: storage.package(r.idempotency_key) or b"" for r in storage.all()}
    finally:
        storage.close()


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.1) -> None:
    """Poll (no timing assertion: the timeout only bounds a hung test)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(poll_s)
