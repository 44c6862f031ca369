"""The audit trail as the store keeps it: appended one entry per transaction, chained to the last, never
changed (the schema's triggers refuse it), and purged only once the CERT holds the entries and they are past
their retention. What the outbox's thread sends and what the CERT acknowledged are kept beside them.

Each entry is written in its own transaction, after the action it records: an entry never claims an action
that a rollback undid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlcipher3

from ..audit import AuditEntry, AuditEvent, ChainBreak, ChainEnds, chained, first_break
from ..errors import StoreError
from ..strings import message
from .database import Connection, Database
from .dossiers import now_utc

_COLUMNS = "seq, at, station_id, agent_id, event, dossier_id, title_number, reason, ref, prev_hash, hash"
_CONFIGURATION_KEY = "audit.configuration_sha256"  # in `meta`: the digest the last entry recorded
_CHAIN_KEY = "audit.chain_id"  # in `meta`: set once, when the store is made (schema.py)


@dataclass(frozen=True)
class AuditState:
    chain_id: str  # 32 hex digits, drawn when the store was made: a reinstalled station's chain has another
    ends: ChainEnds
    acked_seq: int  # the CERT holds every entry up to this one
    retention_days: int
    attempts: int  # failed sends since the last acknowledgement
    next_attempt_at: datetime | None  # None: send whenever there is something to send
    last_error_code: str | None

    @property
    def unsent(self) -> int:
        return self.ends.head_seq - self.acked_seq


def _entry(r: tuple) -> AuditEntry:
    return AuditEntry(r[0], r[1], r[2], r[3], AuditEvent(r[4]), r[5], r[6], r[7], r[8], r[9], r[10])


class AuditLog:
    def __init__(self, db: Database, clock: Callable[[], datetime] = now_utc) -> None:
        self._db = db
        self.clock = clock  # the time written into each entry

    def record(self, station_id: str, event: AuditEvent, *, agent_id: str | None = None,
               dossier_id: str | None = None, title_number: str | None = None, reason: str | None = None,
               ref: str | None = None) -> AuditEntry:
        """Append an entry (ValueError for a field that is not an identifier or a code of its kind; StoreError
        when the store cannot write it: disk full, the file locked by another process past its timeout…)."""
        try:
            with self._db.transaction() as conn:
                return self._append(conn, station_id, event, agent_id=agent_id, dossier_id=dossier_id,
                                    title_number=title_number, reason=reason, ref=ref)
        except sqlcipher3.Error as exc:
            raise StoreError("audit.not_written", message("audit.not_written")) from exc

    def record_configuration(self, station_id: str, digest: str) -> AuditEntry | None:
        """Record the configuration's digest when it differs from the last one recorded (or none was): the
        entry, or None when the configuration did not change."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (_CONFIGURATION_KEY,)).fetchone()
            if row is not None and row[0] == digest:
                return None
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (_CONFIGURATION_KEY, digest))
            return self._append(conn, station_id, AuditEvent.CONFIGURATION_CHANGED, ref=digest,
                                reason="first" if row is None else "changed")

    def _append(self, conn: Connection, station_id: str, event: AuditEvent, **ids: str | None) -> AuditEntry:
        head_seq, head_hash = conn.execute("SELECT head_seq, head_hash FROM audit_state").fetchone()
        entry = chained(head_seq + 1, self.clock(), station_id, event, head_hash, **ids)
        conn.execute(f"INSERT INTO audit({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (entry.seq, entry.at, entry.station_id, entry.agent_id, entry.event.value, entry.dossier_id,
                      entry.title_number, entry.reason, entry.ref, entry.prev_hash, entry.hash))
        return entry

    # Reading --------------------------------------------------------------------------------------------

    def state(self) -> AuditState:
        with self._db.reading() as conn:
            r = conn.execute("SELECT anchor_seq, anchor_hash, head_seq, head_hash, acked_seq, retention_days, "
                             "attempts, next_attempt_at, last_error_code FROM audit_state").fetchone()
            (chain_id,) = conn.execute("SELECT value FROM meta WHERE key = ?", (_CHAIN_KEY,)).fetchone()
        return AuditState(chain_id, ChainEnds(r[0], r[1], r[2], r[3]), r[4], r[5], r[6],
                          datetime.fromisoformat(r[7]) if r[7] else None, r[8])

    def entries(self, after: int = 0, limit: int = -1) -> list[AuditEntry]:
        """Entries numbered after `after`, oldest first (at most `limit`; -1: all)."""
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
                                (after, limit)).fetchall()
        return [_entry(r) for r in rows]

    def last(self, count: int) -> list[AuditEntry]:
        """The `count` latest entries, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq DESC LIMIT ?", (count,)).fetchall()
        return [_entry(r) for r in reversed(rows)]

    def unsent(self, limit: int) -> list[AuditEntry]:
        """The oldest entries the CERT does not hold yet."""
        return self.entries(self.state().acked_seq, limit)

    def verify(self) -> ChainBreak | None:
        """The first place where the chain does not hold (an entry missing, edited, or not pointing at the
        one before it), or None when it holds from the anchor to the head."""
        with self._db.reading() as conn:  # one read: an entry appended meanwhile cannot look like a gap
            state = conn.execute("SELECT anchor_seq, anchor_hash, head_seq, head_hash FROM audit_state").fetchone()
            rows = conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq").fetchall()
        return first_break((_entry(r) for r in rows), ChainEnds(*state))

    # Sending --------------------------------------------------------------------------------------------

    def acknowledge(self, seq: int) -> None:
        """The CERT holds every entry up to `seq`: they need not be sent again, and may be purged later."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE audit_state SET acked_seq = max(acked_seq, min(?, head_seq)), attempts = 0, "
                         "next_attempt_at = NULL, last_error_code = NULL", (seq,))

    def record_failure(self, code: str, next_attempt_at: datetime) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE audit_state SET attempts = attempts + 1, next_attempt_at = ?, last_error_code = ?",
                         (next_attempt_at.isoformat(), code))

    def retry_now(self, now: datetime) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE audit_state SET next_attempt_at = ? WHERE next_attempt_at > ?",
                         (now.isoformat(), now.isoformat()))

    # Retention ------------------------------------------------------------------------------------------

    def keep_for(self, days: int) -> None:
        """How long entries the CERT holds stay on the station (`[audit] retention_days`)."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE audit_state SET retention_days = ?", (days,))

    def purge(self, now: datetime) -> int:
        """Delete the oldest entries that the CERT holds and that are past their retention; the last one
        deleted becomes the anchor the chain starts from (the schema's trigger moves it). Returns how many."""
        with self._db.transaction() as conn:
            anchor, acked, days = conn.execute(
                "SELECT anchor_seq, acked_seq, retention_days FROM audit_state").fetchone()
            cutoff = now - timedelta(days=days)
            rows = conn.execute("SELECT seq, at FROM audit WHERE seq > ? AND seq <= ? ORDER BY seq",
                                (anchor, acked)).fetchall()
            last = anchor
            for seq, at in rows:  # oldest first, up to the first still within its retention
                if datetime.fromisoformat(at) > cutoff:
                    break
                last = seq
            if last > anchor:
                conn.execute("DELETE FROM audit WHERE seq <= ?", (last,))
        return last - anchor
