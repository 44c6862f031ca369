"""The audit trail sent through the outbox's thread to the real CERT over mutual TLS: in batches, once
whatever cuts the station, retried with the outbox's backoff while the CERT is down, purged only once the
CERT holds it, and what was edited or deleted on the station flagged at the CERT."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cert.audit_log import AuditStore
from devstation.cert_service import CertService
from enrollment.audit import AuditEvent
from enrollment.store import FileKeyProvider, Store
from sync import CertClient, OutboxSettings, OutboxWorker
from sync.audit_queue import AuditQueue, send_batch
from tests.fixtures.pki import STATION_ID


def audit_queue(store: Store, client: CertClient) -> AuditQueue:
    worker = OutboxWorker(store, client, OutboxSettings(), trust_anchor_pem=b"", rng=random.Random(7))
    return AuditQueue(store, client, worker.backoff_s)


@pytest.fixture
def queue(store: Store, client: CertClient) -> AuditQueue:
    return audit_queue(store, client)


def record(store: Store, n: int) -> None:
    for i in range(n):
        store.audit.record(STATION_ID, AuditEvent.LOGIN if i % 2 else AuditEvent.LOGOUT, agent_id="AG-0001")


def held_at_the_cert(cert_service: CertService) -> list[tuple[str, str | None]]:
    s = AuditStore(cert_service.data_dir)
    try:
        return s.entries(STATION_ID)
    finally:
        s.close()


def alerts_at_the_cert(cert_service: CertService) -> list[tuple[int, str]]:
    s = AuditStore(cert_service.data_dir)
    try:
        return [(a.seq, a.kind) for a in s.alerts(STATION_ID)]
    finally:
        s.close()


def test_every_entry_reaches_the_cert_in_batches(queue: AuditQueue, store: Store, cert_service: CertService) -> None:
    record(store, 230)
    assert queue.next_attempt_at() is not None  # the outbox's thread wakes for it
    queue.run_once(datetime.now(UTC))
    state = store.audit.state()
    assert (state.acked_seq, state.unsent, state.last_error_code) == (230, 0, None)
    assert queue.next_attempt_at() is None
    assert len(held_at_the_cert(cert_service)) == 230 and alerts_at_the_cert(cert_service) == []


def test_a_batch_sent_again_after_a_lost_reply_is_held_once(queue: AuditQueue, store: Store, client: CertClient,
                                                             cert_service: CertService) -> None:
    record(store, 5)
    send_batch(client, store.audit.state().chain_id, store.audit.unsent(100))  # reached the CERT, not the reply
    assert store.audit.state().acked_seq == 0
    record(store, 2)
    queue.run_once(datetime.now(UTC))
    assert store.audit.state().acked_seq == 7
    assert len(held_at_the_cert(cert_service)) == 7 and alerts_at_the_cert(cert_service) == []


def test_while_the_cert_is_down_the_trail_waits_with_the_outbox_backoff(queue: AuditQueue, store: Store,
                                                                        cert_service: CertService) -> None:
    record(store, 3)
    cert_service.stop()
    now = datetime.now(UTC)
    queue.run_once(now)
    state = store.audit.state()
    assert (state.unsent, state.attempts, state.last_error_code) == (3, 1, "audit.unreachable")
    assert state.next_attempt_at is not None and state.next_attempt_at >= now
    cert_service.start()
    later = now + timedelta(seconds=OutboxSettings().max_delay_s + 1)
    queue.run_once(later)
    assert store.audit.state().acked_seq == 3 and len(held_at_the_cert(cert_service)) == 3


def test_the_cert_flags_an_entry_edited_and_one_deleted_on_the_station(queue: AuditQueue, store: Store,
                                                                       cert_service: CertService) -> None:
    record(store, 6)
    with store.db.transaction() as conn:  # someone with the store key, before the entries leave
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE audit SET agent_id = 'AG-0002' WHERE seq = 2")
        conn.execute("DELETE FROM audit WHERE seq = 4")
    queue.run_once(datetime.now(UTC))
    assert alerts_at_the_cert(cert_service) == [(2, "edited"), (5, "gap")]
    assert store.audit.state().acked_seq == 6  # the CERT holds them all, flagged: nothing to send again


def test_only_what_the_cert_holds_is_purged_after_its_retention(store: Store, client: CertClient, offline: CertClient,
                                                                cert_service: CertService) -> None:
    store.audit.keep_for(365)
    store.audit.clock = lambda: datetime.now(UTC) - timedelta(days=400)
    record(store, 4)
    audit_queue(store, offline).run_once(datetime.now(UTC))
    assert len(store.audit.entries()) == 4  # a year old, but the CERT does not hold them: kept
    queue = audit_queue(store, client)
    queue.run_once(datetime.now(UTC) + timedelta(seconds=OutboxSettings().max_delay_s + 1))
    assert store.audit.entries() == [] and store.audit.verify() is None
    store.audit.clock = lambda: datetime.now(UTC)
    record(store, 2)
    queue.run_once(datetime.now(UTC) + timedelta(hours=2))
    assert [e.seq for e in store.audit.entries()] == [5, 6] and store.audit.verify() is None
    assert len(held_at_the_cert(cert_service)) == 6 and alerts_at_the_cert(cert_service) == []


def test_a_reinstalled_station_starts_a_new_chain_not_an_edit(queue: AuditQueue, store: Store, client: CertClient,
                                                             cert_service: CertService, tmp_path: Path) -> None:
    record(store, 4)
    queue.run_once(datetime.now(UTC))
    keys = FileKeyProvider(tmp_path / "reinstalled" / "store.key")
    keys.create()
    fresh = Store(tmp_path / "reinstalled" / "store.db", keys)  # the same station, its store made anew
    try:
        assert fresh.audit.state().chain_id != store.audit.state().chain_id
        record(fresh, 2)
        audit_queue(fresh, client).run_once(datetime.now(UTC))
        assert fresh.audit.state().acked_seq == 2
    finally:
        fresh.close()
    assert alerts_at_the_cert(cert_service) == [(1, "new_chain")]  # told of, and nothing taken for an edit
    assert len(held_at_the_cert(cert_service)) == 6
    record(store, 1)  # and a chain's id stays with its store across sends
    queue.run_once(datetime.now(UTC))
    assert store.audit.state().acked_seq == 5 and alerts_at_the_cert(cert_service) == [(1, "new_chain")]
