"""Drafts deleted unsealed: expired or abandoned, with every capture gone from the store's files
(main file and WAL, raw and decrypted), and a record that names no applicant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from devstation.factories import SURNAME, complete_dossier
from enrollment.errors import EnrollmentError
from enrollment.model import State
from enrollment.store import DiscardReason, FileKeyProvider, Store

from .residue import capture_markers, residue


def _backdate(store: Store, dossier_id: str, days: int) -> None:
    """As if the draft had last been saved `days` ago."""
    at = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    with store.db.transaction() as conn:
        conn.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?", (at, dossier_id))


def _found(store: Store, key: FileKeyProvider, markers) -> set[str]:
    return {f.split(" in ")[0] for f in residue(store.db.path, key.get_key(), markers)}


def test_drafts_untouched_past_the_retention_go_with_their_captures_and_leave_a_record(store, key):
    old_draft, old_complete, recent = complete_dossier(), complete_dossier(), complete_dossier()
    old_complete.state = State.COMPLETE
    for d in (old_draft, old_complete, recent):
        store.dossiers.save_draft(d)
    _backdate(store, old_draft.id, 31)
    _backdate(store, old_complete.id, 40)
    markers = capture_markers(old_draft)
    assert _found(store, key, markers) == set(markers)  # the search sees them while they are kept

    # The factory gives every dossier the same captures: the recent one must go too before they can be
    # searched for, and stays until its own retention has passed.
    expired = store.discards.expire_drafts(datetime.now(UTC) - timedelta(days=30))

    assert sorted(expired) == sorted([old_draft.id, old_complete.id])
    assert [s.id for s in store.dossiers.summaries()] == [recent.id]
    records = {r.dossier_id: r for r in store.discards.records()}
    assert set(records) == {old_draft.id, old_complete.id}
    assert {(r.reason, r.agent_id) for r in records.values()} == {(DiscardReason.EXPIRED, None)}

    store.discards.expire_drafts(datetime.now(UTC) + timedelta(days=1))
    assert store.dossiers.summaries() == []
    assert _found(store, key, markers) == set()
    assert SURNAME.encode() not in store.db.path.read_bytes()


def test_an_abandoned_draft_goes_with_its_captures_and_its_record_names_agent_reason_and_time(store, key):
    d = complete_dossier()
    store.dossiers.save_draft(d)
    markers = capture_markers(d)

    store.discards.abandon(d.id, "AG-0002", DiscardReason.DUPLICATE)

    assert store.dossiers.summaries() == []
    [record] = store.discards.records()
    assert (record.dossier_id, record.agent_id, record.reason) == (d.id, "AG-0002", DiscardReason.DUPLICATE)
    assert datetime.now(UTC) - record.at < timedelta(days=1)
    assert _found(store, key, markers) == set()


def test_a_sealed_dossier_cannot_be_abandoned_nor_expire(store):
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    store.outbox.enqueue(d.id, b"package", "00", d.id, kept=d.without_captures())
    _backdate(store, d.id, 400)

    with pytest.raises(EnrollmentError) as refused:
        store.discards.abandon(d.id, "AG-0001", DiscardReason.ENTRY_ERROR)
    assert "en attente d'envoi" in refused.value.message
    assert store.discards.expire_drafts(datetime.now(UTC)) == []
    assert store.dossiers.state_of(d.id) is State.QUEUED
    assert store.discards.records() == []
