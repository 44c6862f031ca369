"""The audit trail in the SQLCipher store: appended in order and chained across restarts, never changed in
place, purged only once the CERT holds it and past its retention, and every edit or deletion made behind the
store's back found at the entry where it happened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from enrollment.audit import GENESIS, AuditEvent, BreakKind, ChainBreak, entry_hash
from enrollment.store import FileKeyProvider, Store

STATION = "DR-21231-01"
AGENT = "AG-0001"
DOSSIER = "0b7e3c52-8d1f-4a7e-9c1d-2f3a4b5c6d7e"


def a_day(store: Store, days_ago: int = 0) -> None:
    """What follows is recorded as if `days_ago` days ago."""
    store.audit.clock = lambda: datetime.now(UTC) - timedelta(days=days_ago)


def session(store: Store, n: int = 1) -> None:
    for _ in range(n):
        store.audit.record(STATION, AuditEvent.LOGIN, agent_id=AGENT)
        store.audit.record(STATION, AuditEvent.DOSSIER_CREATED, agent_id=AGENT, dossier_id=DOSSIER)
        store.audit.record(STATION, AuditEvent.LOCK, agent_id=AGENT, reason="inactivity")


def behind_the_stores_back(store: Store, *sql: str) -> None:
    """Someone with the store key edits the file, every trigger dropped first."""
    with store.db.transaction() as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        for statement in sql:
            conn.execute(statement)


def test_the_chain_holds_across_a_restart(tmp_path: Path, key: FileKeyProvider) -> None:
    first = Store(tmp_path / "station.db", key)
    session(first)
    head = first.audit.state().ends
    first.close()
    again = Store(tmp_path / "station.db", key)
    try:
        entry = again.audit.record(STATION, AuditEvent.UNLOCK, agent_id=AGENT)
        assert (entry.seq, entry.prev_hash) == (head.head_seq + 1, head.head_hash) == (4, head.head_hash)
        assert again.audit.verify() is None
        entries = again.audit.entries()
        assert entries[0].prev_hash == GENESIS
        assert [e.seq for e in entries] == [1, 2, 3, 4]
        assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    finally:
        again.close()


def test_each_hash_covers_every_field_and_the_previous_hash(store: Store) -> None:
    session(store)
    entry = store.audit.entries()[1]
    fields = entry.fields()
    assert entry_hash(fields) == entry.hash
    for name, other in (("reason", "autre"), ("agent_id", "AG-0002"), ("prev_hash", "1" * 64), ("seq", 9)):
        assert entry_hash({**fields, name: other}) != entry.hash, name


@pytest.mark.parametrize("sql", [
    "UPDATE audit SET reason = 'card_removed' WHERE seq = 3",
    "DELETE FROM audit WHERE seq = 2",
    "DELETE FROM audit_state",
    "UPDATE audit_state SET head_seq = 1",
    "INSERT INTO audit VALUES (9, 'x', 'x', NULL, 'login', NULL, NULL, NULL, NULL, 'x', 'x')",  # skips 4-8
])
def test_the_store_refuses_to_change_delete_or_skip_entries(store: Store, sql: str) -> None:
    session(store)
    before = store.audit.entries()
    with pytest.raises(Exception, match="audit: "), store.db.transaction() as conn:
        conn.execute(sql)
    assert store.audit.entries() == before and store.audit.verify() is None


def test_an_entry_edited_in_the_file_is_named(store: Store) -> None:
    session(store, 2)
    behind_the_stores_back(store, "UPDATE audit SET reason = 'card_removed' WHERE seq = 3")
    assert store.audit.verify() == ChainBreak(3, BreakKind.EDITED)


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_link_to_the_next(store: Store) -> None:
    session(store, 2)
    edited = {**store.audit.entries()[2].fields(), "reason": "card_removed"}
    behind_the_stores_back(store, f"UPDATE audit SET reason = 'card_removed', hash = '{entry_hash(edited)}' "
                                  "WHERE seq = 3")
    assert store.audit.verify() == ChainBreak(4, BreakKind.BROKEN_LINK)


def test_the_last_entry_rewritten_with_a_fresh_hash_is_named_too(store: Store) -> None:
    session(store)
    edited = {**store.audit.entries()[-1].fields(), "reason": "card_removed"}
    behind_the_stores_back(store, f"UPDATE audit SET reason = 'card_removed', hash = '{entry_hash(edited)}' "
                                  "WHERE seq = 3")
    assert store.audit.verify() == ChainBreak(3, BreakKind.EDITED)


@pytest.mark.parametrize(("deleted", "named"), [("seq = 2", 2), ("seq >= 5", 5), ("seq = 1", 1)])
def test_a_deleted_entry_is_a_gap_at_its_number(store: Store, deleted: str, named: int) -> None:
    session(store, 2)
    behind_the_stores_back(store, f"DELETE FROM audit WHERE {deleted}")
    assert store.audit.verify() == ChainBreak(named, BreakKind.GAP)


def test_free_text_cannot_enter_the_trail(store: Store) -> None:
    for fields in ({"reason": "la demandeuse porte un foulard"}, {"dossier_id": "Jeanne DUPONT"},
                   {"title_number": "12 rue de la Paix"}, {"agent_id": "Camille Martin"}):
        with pytest.raises(ValueError, match="not an identifier or code"):
            store.audit.record(STATION, AuditEvent.PHOTO_OVERRIDE, **fields)  # type: ignore[arg-type]
    assert store.audit.entries() == [] and store.audit.state().ends.head_seq == 0


def test_only_entries_the_cert_holds_and_past_their_retention_are_purged(store: Store) -> None:
    store.audit.keep_for(365)
    a_day(store, 400)
    session(store, 2)  # 1-6, old
    a_day(store, 10)
    session(store)  # 7-9, recent
    assert store.audit.purge(datetime.now(UTC)) == 0  # the CERT holds none of them yet
    store.audit.acknowledge(4)
    assert store.audit.purge(datetime.now(UTC)) == 4
    store.audit.acknowledge(9)
    assert store.audit.purge(datetime.now(UTC)) == 2  # 5 and 6; 7-9 are within their year
    assert [e.seq for e in store.audit.entries()] == [7, 8, 9]
    ends = store.audit.state().ends
    assert ends.anchor_seq == 6
    # The chain still holds, from the last purged entry's hash.
    assert store.audit.verify() is None
    a_day(store)
    assert store.audit.record(STATION, AuditEvent.LOGOUT, agent_id=AGENT).seq == 10
    assert store.audit.verify() is None
    # A deletion behind the store's back right after the anchor is still a gap.
    behind_the_stores_back(store, "DELETE FROM audit WHERE seq = 7")
    assert store.audit.verify() == ChainBreak(7, BreakKind.GAP)


def test_a_shorter_retention_purges_sooner(store: Store) -> None:
    a_day(store, 40)
    session(store)
    store.audit.acknowledge(3)
    assert store.audit.purge(datetime.now(UTC)) == 0
    store.audit.keep_for(30)
    assert store.audit.purge(datetime.now(UTC)) == 3
    assert store.audit.entries() == [] and store.audit.verify() is None


def test_the_configuration_is_recorded_when_it_changes(store: Store) -> None:
    first = store.audit.record_configuration(STATION, "a" * 64)
    assert first is not None and (first.event, first.reason, first.ref) == (AuditEvent.CONFIGURATION_CHANGED,
                                                                             "first", "a" * 64)
    assert store.audit.record_configuration(STATION, "a" * 64) is None
    changed = store.audit.record_configuration(STATION, "b" * 64)
    assert changed is not None and (changed.reason, changed.ref, changed.agent_id) == ("changed", "b" * 64, None)
    assert [e.seq for e in store.audit.entries()] == [1, 2]
