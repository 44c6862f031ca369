"""Title delivery operations waiting for the CERT: envelopes scanned at reception, hand-over records,
returns for destruction. The same guarantees as the dossier outbox: an operation is written here, in one
transaction, before anything is sent; it carries its own idempotency key; it stays until the CERT's answer
is recorded, so a cut at any moment loses no scan and a resend never registers anything twice.

`payload` is the request body (it may hold personal data: a hand-over record carries the holder's signature)
and is cleared once the CERT has answered; `result` keeps the CERT's answer that the pages show (title
kind, holder's name, SMS state) until the operation is forgotten."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .database import Database
from .dossiers import now_utc


class DeliveryKind(StrEnum):
    ENVELOPE = "envelope"  # title_ref: the envelope's barcode
    HANDOVER = "handover"  # title_ref: the title number
    RETURN = "return"  # title_ref: the title number


class DeliveryState(StrEnum):
    QUEUED = "queued"  # not answered yet (never sent, or sent and the answer lost)
    DONE = "done"  # the CERT registered it; `result` holds its answer
    REFUSED = "refused"  # the CERT refused it for good (`last_error_code`); the agent was told


@dataclass(frozen=True)
class Delivery:
    id: str  # also the idempotency key
    kind: DeliveryKind
    title_ref: str
    state: DeliveryState
    payload: bytes | None
    result: bytes | None
    queued_at: datetime
    attempts: int  # tries started, answered or not
    next_attempt_at: datetime
    last_error_code: str | None
    done_at: datetime | None


_COLUMNS = ("id, kind, title_ref, state, payload, result, queued_at, attempts, next_attempt_at, last_error_code, "
            "done_at")


def _delivery(r: tuple) -> Delivery:
    return Delivery(r[0], DeliveryKind(r[1]), r[2], DeliveryState(r[3]), r[4], r[5], datetime.fromisoformat(r[6]),
                    r[7], datetime.fromisoformat(r[8]), r[9], datetime.fromisoformat(r[10]) if r[10] else None)


class DeliveryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(self, kind: DeliveryKind, title_ref: str, payload: bytes) -> tuple[Delivery, bool]:
        """(the operation, True) once written; (the earlier one, False) when this kind of operation on this
        title was already recorded, whatever became of it: nothing new is written or sent."""
        now = now_utc().isoformat()
        with self._db.transaction() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND title_ref = ?",
                               (kind.value, title_ref)).fetchone()
            if row is not None:
                return _delivery(row), False
            conn.execute("INSERT INTO deliveries(id, kind, title_ref, state, payload, queued_at, next_attempt_at) "
                         "VALUES (?,?,?,?,?,?,?)",
                         (str(uuid.uuid4()), kind.value, title_ref, DeliveryState.QUEUED.value, payload, now, now))
            row = conn.execute(f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND title_ref = ?",
                               (kind.value, title_ref)).fetchone()
        return _delivery(row), True

    def get(self, delivery_id: str) -> Delivery | None:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,)).fetchone()
        return _delivery(row) if row else None

    def find(self, kind: DeliveryKind, title_ref: str) -> Delivery | None:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND title_ref = ?",
                               (kind.value, title_ref)).fetchone()
        return _delivery(row) if row else None

    def due(self, now: datetime, limit: int = 20) -> list[Delivery]:
        """Queued operations whose next attempt has come, oldest first."""
        return self._select("WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY queued_at LIMIT ?",
                            (now.isoformat(), limit))

    def queued(self, kind: DeliveryKind | None = None) -> list[Delivery]:
        """Every operation still waiting for the CERT (of one kind), oldest first: what the pages list."""
        if kind is None:
            return self._select("WHERE state = 'queued' ORDER BY queued_at", ())
        return self._select("WHERE state = 'queued' AND kind = ? ORDER BY queued_at", (kind.value,))

    def since(self, kind: DeliveryKind, start: datetime) -> list[Delivery]:
        """Operations of `kind` recorded since `start` (a session's receptions), newest first."""
        return self._select("WHERE kind = ? AND queued_at >= ? ORDER BY queued_at DESC", (kind.value,
                                                                                           start.isoformat()))

    def next_attempt_at(self) -> datetime | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT min(next_attempt_at) FROM deliveries WHERE state = 'queued'").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def retry_all_now(self, now: datetime) -> None:
        """The agent asked to retry: every queued operation becomes due, whatever its backoff said."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE deliveries SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?",
                         (now.isoformat(), now.isoformat()))

    def start_try(self, delivery_id: str) -> None:
        """Counted before the request leaves, so that after a cut the next try knows an earlier one may have
        reached the CERT (its answer lost) and reads an "already registered" as its own."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE deliveries SET attempts = attempts + 1 WHERE id = ? AND state = 'queued'",
                         (delivery_id,))

    def record_failure(self, delivery_id: str, code: str, next_attempt_at: datetime) -> None:
        """A try that did not get the CERT's verdict: the operation stays queued until `next_attempt_at`."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE deliveries SET next_attempt_at = ?, last_error_code = ? "
                         "WHERE id = ? AND state = 'queued'", (next_attempt_at.isoformat(), code, delivery_id))

    def complete(self, delivery_id: str, result: bytes) -> None:
        """The CERT registered it: keep its answer, drop the request body (personal data), in one transaction."""
        self._finish(delivery_id, DeliveryState.DONE, result, None)

    def complete_handover(self, delivery_id: str, number: str, result: bytes) -> None:
        """The CERT acknowledged a hand-over: record its receipt and, in the same transaction, forget what
        the station held for the title (its templates, its entry in the waiting list)."""
        self._finish(delivery_id, DeliveryState.DONE, result, None, forget_title=number)

    def refuse(self, delivery_id: str, code: str) -> None:
        """The CERT refused it for a reason waiting will not cure: drop the body, keep the reason."""
        self._finish(delivery_id, DeliveryState.REFUSED, None, code)

    def forget(self, before: datetime) -> int:
        """Answered operations older than `before` go (the receptions list shows a session's, not a year's)."""
        with self._db.transaction() as conn:
            cur = conn.execute("DELETE FROM deliveries WHERE state != 'queued' AND done_at < ?",
                               (before.isoformat(),))
        return cur.rowcount

    def _finish(self, delivery_id: str, state: DeliveryState, result: bytes | None, code: str | None,
                forget_title: str | None = None) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE deliveries SET state = ?, payload = NULL, result = ?, last_error_code = ?, "
                         "done_at = ? WHERE id = ? AND state = 'queued'",
                         (state.value, result, code, now_utc().isoformat(), delivery_id))
            if forget_title is not None:
                conn.execute("DELETE FROM title_templates WHERE number = ?", (forget_title,))
                conn.execute("DELETE FROM title_presentations WHERE number = ?", (forget_title,))
                conn.execute("DELETE FROM waiting_titles WHERE number = ?", (forget_title,))
        self._db.checkpoint()  # the body's pages, zeroed by secure delete, leave the WAL too

    def _select(self, where: str, args: tuple) -> list[Delivery]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM deliveries {where}", args).fetchall()
        return [_delivery(r) for r in rows]

