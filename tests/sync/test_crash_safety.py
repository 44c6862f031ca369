"""Exactly once, nothing lost: the station killed with SIGKILL during sealing and during uploads,
again and again at random points; the CERT down for a while, then back; the CERT itself killed mid-upload.

Everything is real: the station's sealing and outbox run in a child process on the SQLCipher store, the
CERT is the reference service in its own process over mutual-TLS HTTPS, packages are real sealed dossiers
uploaded in small chunks so one upload spans dozens of requests. After every kill the test opens the store
as a restarted station would and checks the invariants (tests/sync/crash_helpers.py).

The random draws come from one seed, printed at the start and in every failure; `CRASH_SEED=<n>` replays
a run's choices (the kill instants still depend on the machine's speed).
"""

from __future__ import annotations

import hashlib
import os
import random
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import FileKeyProvider, Store
from installer.pki import PkiPaths
from sync import (
    CertClient,
    OutboxSettings,
    OutboxWorker,
    Sealer,
    SignedReceipt,
    TransportSettings,
    seal_and_queue,
    verify_receipt,
)

from .conftest import transport_settings
from .crash_child import open_store
from .crash_helpers import Child, add_complete_dossiers, cert_packages, check_invariants, wait_until

BATCH = 8  # dossiers added per batch of kills
KILLS = 25  # kills that interrupted the station's work (sealing or sending), at least
# One batch's kills, in order: inside sealing, inside sealing-then-sending, inside uploads. A kind of work
# with nothing left gives way to the other; a batch ends early when all its dossiers are purged.
PLAN = ("seal", "seal", "both", "send", "send", "send", "send", "send")
MAX_STEPS = 120  # a run whose kills keep missing the work fails instead of looping
CHUNK = 16 * 1024  # the smallest `[cert] upload_chunk_kib`: a ~0.5 MB package is ~30 requests


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"CRASH_SEED={value}")
    return value


def _new_store(tmp_path: Path) -> Path:
    store_dir = tmp_path / "station"
    FileKeyProvider(store_dir / "store.key").create()
    open_store(store_dir).close()
    return store_dir


def _add(store_dir: Path, count: int) -> list[str]:
    store = open_store(store_dir)
    try:
        return add_complete_dossiers(store, count)
    finally:
        store.close()


def test_station_killed_during_sealing_and_uploads_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, pki: PkiPaths, cert_service: CertService, seed: int
) -> None:
    rng = random.Random(seed)
    store_dir, log = _new_store(tmp_path), tmp_path / "children.log"

    def child() -> Child:
        return Child(store_dir, pki, cert_service.url, log, CHUNK)

    # Calibration: one batch sealed and sent without a kill, to learn how long a dossier's sealing and
    # sending take here (the next child imports meanwhile, as it will during the kills).
    ids = _add(store_dir, BATCH)
    first, upcoming = child(), child()
    first.go("both")
    assert first.wait(180) == 0, f"seed {seed}: calibration run failed, see {log}"
    ready = first.time_of("ready")
    seal_s = max(0.005, (first.time_of("sealing-done") - ready) / BATCH)
    send_s = max(0.005, (first.time_of("done") - first.time_of("sealing-done")) / BATCH)
    snap = check_invariants(store_dir, ids, cert_service, f"seed {seed}, calibration")
    print(f"per dossier: seal {seal_s * 1000:.0f} ms, send {send_s * 1000:.0f} ms")

    kills, landed, step = 0, Counter(), 0
    while kills < KILLS:
        assert step < MAX_STEPS, f"seed {seed}: kills keep missing the work: {dict(landed)}"
        ids += _add(store_dir, BATCH)
        snap.states[State.COMPLETE] += BATCH
        for planned in PLAN:
            complete, waiting = snap.count(State.COMPLETE), snap.count(State.QUEUED, State.SENT, State.ACKNOWLEDGED)
            mode = _mode(planned, complete, waiting)
            if mode is None:
                break
            step += 1
            current, upcoming = upcoming, child()
            # Draw the kill inside the work this child has left, from the last snapshot.
            window = {"seal": complete * seal_s, "send": waiting * send_s,
                      "both": complete * seal_s + (complete + waiting) * send_s}[mode]
            delay = rng.uniform(0, window)
            started = current.go(mode)
            time.sleep(max(0.0, started + delay - time.monotonic()))
            killed = current.kill()
            if not killed and current.wait(5) != 0:
                raise AssertionError(f"seed {seed}: child {mode} failed on its own, see {log}")
            landed[current.phase] += 1
            kills += killed and current.phase != "finished"
            snap = check_invariants(store_dir, ids, cert_service,
                                    f"seed {seed}, step {step}, {mode} killed after {delay * 1000:.0f} ms")
            victim = current.sealing
            if victim is not None:  # killed inside the sealing transaction: all of it, or none of it
                assert snap.by_id[victim] in (State.COMPLETE, State.QUEUED), f"seed {seed}: {snap.by_id[victim]}"
    print(f"{kills} kills inside work in {step} runs; where they landed: {dict(landed)}")

    # No kill now: the station finishes what every interrupted run left.
    upcoming.go("both")
    last = upcoming
    assert last.wait(180) == 0, f"seed {seed}: final run failed, see {log}"
    snap = check_invariants(store_dir, ids, cert_service, f"seed {seed}, final")
    assert snap.states[State.PURGED] == len(ids), f"seed {seed}: {dict(snap.states)}"
    held = cert_service.received()
    assert sorted(r.idempotency_key for r in held) == sorted(ids), f"seed {seed}: one CERT dossier per dossier"
    packages = cert_packages(cert_service)
    anchor = pki.pem("cert-ca").read_bytes()
    receipt_cert = pki.pem("cert-receipt").read_bytes()
    store = open_store(store_dir)
    try:
        for r in held:
            kept = store.outbox.receipt(r.idempotency_key)
            assert kept is not None and kept.receipt == r.receipt
            verified = verify_receipt(SignedReceipt(kept.receipt, kept.signature, receipt_cert, 200), anchor,
                                      r.idempotency_key, kept.package_sha256)
            assert verified.cert_number == r.dossier_number
            assert hashlib.sha256(packages[r.idempotency_key]).hexdigest() == verified.package_sha256
    finally:
        store.close()
    # The kills must have hit the work, or this test proved nothing.
    assert landed["mid-seal"] + landed["sealing"] >= 3, f"seed {seed}: {dict(landed)}"
    assert landed["sending"] >= 10, f"seed {seed}: {dict(landed)}"


def _mode(planned: str, complete: int, waiting: int) -> str | None:
    """The planned kind of work if there is some left, else the other kind, else None (batch done)."""
    if (planned in ("seal", "both") and complete) or (planned == "send" and waiting):
        return planned
    if waiting:
        return "send"
    return "seal" if complete else None



def _worker(store: Store, client: CertClient, pki: PkiPaths, seed: int) -> OutboxWorker:
    """The station's background sender with short backoff, so a test waits seconds, not minutes."""
    return OutboxWorker(store, client, OutboxSettings(base_delay_s=0.05, max_delay_s=0.5, min_wait_s=0.05,
                                                      idle_poll_s=0.5),
                        trust_anchor_pem=pki.pem("cert-ca").read_bytes(), rng=random.Random(seed))


def test_cert_down_then_back_drains_the_queue(
    store: Store, sealer: Sealer, agent_signer, pki: PkiPaths, cert_service: CertService, seed: int
) -> None:
    cert_service.stop()
    ids = add_complete_dossiers(store, 5)
    for dossier_id in ids:
        seal_and_queue(store, dossier_id, sealer, agent_signer)
    client = CertClient(replace(transport_settings(pki, cert_service.url), chunk_bytes=CHUNK))
    worker = _worker(store, client, pki, seed)
    worker.start()
    try:
        wait_until(lambda: all(e.attempts >= 1 for e in store.outbox.waiting()), 60, "every dossier tried")
        status = store.outbox.status()
        assert status.count == 5
        assert status.last_error_code == "cert.unreachable"
        assert "injoignable" in (status.last_error_message or "")
        assert {store.dossiers.state_of(i) for i in ids} == {State.QUEUED}

        cert_service.start()
        wait_until(lambda: all(store.dossiers.state_of(i) is State.PURGED for i in ids), 180, "queue drained")
    finally:
        worker.stop()
        client.close()
    assert store.outbox.status().count == 0
    assert sorted(r.idempotency_key for r in cert_service.received()) == sorted(ids)


class CertKiller(CertClient):
    """The station's real client; when a chosen request goes out, a timer kills the CERT with SIGKILL a
    few milliseconds later, so the kill lands while the CERT receives, writes or answers it."""

    def __init__(self, settings: TransportSettings, service: CertService,
                 plan: list[tuple[str, int, float]]) -> None:
        super().__init__(settings)
        self.service, self.plan = service, sorted(plan, key=lambda p: p[1])
        self.counts: Counter = Counter()
        self.down = threading.Event()  # set by a kill, cleared once the test restarted the CERT
        self.kills: list[str] = []

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        kind = "commit" if path.endswith("/complete") else method
        self.counts[kind] += 1
        for planned in self.plan:
            what, at, delay = planned
            if what == kind and self.counts[kind] >= at and not self.down.is_set():
                self.plan.remove(planned)
                self.down.set()
                threading.Timer(delay, self._kill, args=(f"{kind} #{self.counts[kind]}",)).start()
                break
        return super().request(method, path, **kwargs)

    def _kill(self, label: str) -> None:
        self.service.kill()
        self.kills.append(label)


def test_cert_killed_mid_upload_then_restarted_gets_each_dossier_once(
    store: Store, sealer: Sealer, agent_signer, pki: PkiPaths, cert_service: CertService, seed: int
) -> None:
    rng = random.Random(seed)
    ids = add_complete_dossiers(store, 3)
    for dossier_id in ids:
        seal_and_queue(store, dossier_id, sealer, agent_signer)
    # Three kills among the ~90 chunks, one while the CERT opens and stores a package (the commit).
    patches = sorted(rng.sample(range(3, 80), 3))
    plan = [("PATCH", n, rng.uniform(0, 0.02)) for n in patches] + [("commit", 2, rng.uniform(0, 0.05))]
    settings = replace(transport_settings(pki, cert_service.url), chunk_bytes=CHUNK)
    client = CertKiller(settings, cert_service, plan)
    worker = _worker(store, client, pki, seed)

    def drained() -> bool:
        return all(store.dossiers.state_of(i) is State.PURGED for i in ids)

    worker.start()
    restarts = 0
    try:
        while not drained():
            wait_until(lambda: bool(client.kills) or drained(), 180, "a kill or the queue drained")
            if client.kills:
                print(f"CERT killed at {client.kills[0]}")
                client.kills.clear()
                cert_service.start()
                restarts += 1
                client.down.clear()
    finally:
        worker.stop()
        client.close()
    assert not client.plan and restarts == len(plan), f"seed {seed}: kills never reached: {client.plan}"
    held = cert_service.received()
    assert sorted(r.idempotency_key for r in held) == sorted(ids), f"seed {seed}: one CERT dossier each"
    check_invariants(store.db.path.parent, ids, cert_service, f"seed {seed}, CERT killed")
