"""What the audit trail records besides the agents' own actions, and how it behaves when the store cannot
write: drafts the station deletes for age are recorded as such, with no agent; an entry the store refuses
(a real write failure of the SQLCipher file) neither undoes nor stops the action, and the next entry written
says which one is missing, so the trail shows where it is incomplete and still verifies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from devstation.factories import complete_dossier
from enrollment.audit import AuditEvent
from enrollment.store import FileKeyProvider, Store
from station.audit_trail import AuditTrail
from sync import OutboxSettings, OutboxWorker

STATION = "DR-21231-01"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    keys = FileKeyProvider(tmp_path / "store.key")
    keys.create()
    opened = Store(tmp_path / "store.db", keys)
    yield opened
    opened.close()


def test_a_draft_deleted_for_age_is_recorded_without_an_agent(store: Store) -> None:
    old = complete_dossier()
    store.dossiers.save_draft(old)
    worker = OutboxWorker(store, client=None, settings=OutboxSettings(), trust_anchor_pem=b"")  # type: ignore[arg-type]
    trail = AuditTrail(store.audit, STATION)
    worker.drafts_expired.append(trail.record_expired)

    worker.sweep(datetime.now(UTC) + timedelta(days=OutboxSettings().draft_retention_days + 1))

    [entry] = store.audit.entries()
    assert (entry.event, entry.agent_id, entry.dossier_id, entry.reason) == (
        AuditEvent.DOSSIER_ABANDONED, None, old.id, "expire")


def test_an_entry_the_store_cannot_write_is_said_by_the_next_one(store: Store) -> None:
    trail = AuditTrail(store.audit, STATION)
    trail.record(AuditEvent.LOGIN, "AG-0001")
    with store.db.reading() as conn:
        conn.execute("PRAGMA query_only = ON")  # every write now fails in SQLite itself
    assert trail.record(AuditEvent.DOSSIER_CREATED, "AG-0001", dossier_id="d-1") is None  # no exception
    assert trail.record(AuditEvent.LOGOUT, "AG-0001") is None
    assert trail.failures == 2 and [e.event for e in store.audit.entries()] == [AuditEvent.LOGIN]
    with store.db.reading() as conn:
        conn.execute("PRAGMA query_only = OFF")

    trail.record(AuditEvent.LOGIN, "AG-0001")

    events = [(e.event.value, e.reason) for e in store.audit.entries()]
    assert events == [("login", None), ("entry_not_written", "dossier_created"),
                      ("entry_not_written", "logout"), ("login", None)]
    assert trail.missed == [] and store.audit.verify() is None
