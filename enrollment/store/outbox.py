"""Sealed packages waiting for the CERT, and what remains after its acknowledgement.

Sealing, acknowledging and purging are each one transaction, so a power cut leaves a dossier either
before or after the step, never half-way; the idempotency key fixed at sealing lets a resend after a cut
reach the same CERT dossier instead of a second one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..model import Dossier, State
from .database import Database
from .dossiers import DossierRepository, now_utc, record_event


@dataclass(frozen=True)
class Queued:
    """A sealed package to queue: its dossier's id, the package and what the station keeps of the dossier."""

    dossier_id: str
    package: bytes
    package_sha256: str
    idempotency_key: str
    kept: Dossier


@dataclass(frozen=True)
class OutboxItem:
    dossier_id: str
    idempotency_key: str
    package: bytes
    package_sha256: str
    queued_at: datetime
    attempts: int
    next_attempt_at: datetime
    state: State


@dataclass(frozen=True)
class Receipt:
    """The CERT's acknowledgement as kept by the station: its signed bytes and the fields read from them."""

    dossier_id: str
    cert_number: str
    package_sha256: str
    received_at: datetime
    receipt: bytes
    signature: bytes


@dataclass(frozen=True)
class OutboxEntry:
    """A waiting dossier as the visible outbox lists it: identifiers and delivery facts, no package bytes."""

    dossier_id: str
    state: State
    queued_at: datetime
    attempts: int
    next_attempt_at: datetime
    last_error_code: str | None


@dataclass(frozen=True)
class OutboxStatus:
    count: int
    oldest_queued_at: datetime | None
    last_error_code: str | None
    last_error_message: str | None


class OutboxRepository:
    def __init__(self, db: Database, dossiers: DossierRepository) -> None:
        self._db = db
        self._dossiers = dossiers

    def enqueue(self, dossier_id: str, package: bytes, package_sha256: str, idempotency_key: str,
                kept: Dossier) -> None:
        """complete → sealed → queued, with the package, in one transaction; the stored dossier becomes
        `kept` (the sealer's copy without captures) in the same transaction. The captures' pages, zeroed
        by secure delete, are then folded into the main file and the WAL emptied: until then the WAL's
        earlier frames still held the photo, prints, signature and documents."""
        self.enqueue_all([Queued(dossier_id, package, package_sha256, idempotency_key, kept)])

    def enqueue_all(self, items: Sequence[Queued]) -> None:
        """`enqueue` for the dossiers of one application (a couplée one has two), all or none: the first is
        the stored complete draft; the others are new rows, as complete, then sealed and queued with it."""
        now = now_utc().isoformat()
        with self._db.transaction() as conn:
            for item in items[1:]:
                conn.execute("INSERT INTO dossiers(id, state, agent_id, title, created_at, updated_at, data) "
                             "VALUES (?,?,?,?,?,?,?)",
                             (item.dossier_id, State.COMPLETE.value, item.kept.agent_id,
                              item.kept.title.value if item.kept.title else None, item.kept.created_at.isoformat(),
                              now, item.kept.to_json()))
                record_event(conn, item.dossier_id, State.COMPLETE)
            for item in items:
                self._dossiers.set_state(conn, item.dossier_id, State.SEALED)
                conn.execute("UPDATE dossiers SET data = ?, title = ? WHERE id = ?",
                             (item.kept.to_json(), item.kept.title.value if item.kept.title else None,
                              item.dossier_id))
                conn.execute(
                    "INSERT INTO outbox(dossier_id, idempotency_key, package, package_sha256, queued_at, "
                    "next_attempt_at) VALUES (?,?,?,?,?,?)",
                    (item.dossier_id, item.idempotency_key, item.package, item.package_sha256, now, now),
                )
                self._dossiers.set_state(conn, item.dossier_id, State.QUEUED)
        self._db.checkpoint()

    def due(self, now: datetime, limit: int = 10) -> list[OutboxItem]:
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT o.dossier_id, o.idempotency_key, o.package, o.package_sha256, o.queued_at, o.attempts,"
                " o.next_attempt_at, d.state FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
                "WHERE d.state IN ('queued', 'sent') AND o.next_attempt_at <= ? "
                "ORDER BY o.queued_at LIMIT ?",
                (now.isoformat(), limit),
            ).fetchall()
        return [
            OutboxItem(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]), r[5],
                       datetime.fromisoformat(r[6]), State(r[7]))
            for r in rows
        ]

    def next_attempt_at(self) -> datetime | None:
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT min(o.next_attempt_at) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
                "WHERE d.state IN ('queued', 'sent')"
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def retry_all_now(self, now: datetime) -> None:
        """The agent asked to retry: every waiting package becomes due, whatever its backoff said."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ?",
                         (now.isoformat(), now.isoformat()))

    def mark_sent(self, dossier_id: str) -> None:
        with self._db.transaction() as conn:
            if self._dossiers.state_of_in(conn, dossier_id) is State.QUEUED:
                self._dossiers.set_state(conn, dossier_id, State.SENT)

    def record_failure(self, dossier_id: str, code: str, message: str, next_attempt_at: datetime) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error_code = ?, "
                "last_error_message = ? WHERE dossier_id = ?",
                (next_attempt_at.isoformat(), code, message, dossier_id),
            )

    def acknowledge(self, receipt: Receipt) -> None:
        """Keep the verified receipt and move the dossier to acknowledged; the purge follows."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO receipts(dossier_id, cert_number, package_sha256, received_at, receipt,"
                " signature) VALUES (?,?,?,?,?,?)",
                (receipt.dossier_id, receipt.cert_number, receipt.package_sha256,
                 receipt.received_at.isoformat(), receipt.receipt, receipt.signature),
            )
            conn.execute(
                "UPDATE dossiers SET cert_number = ?, acknowledged_at = ? WHERE id = ?",
                (receipt.cert_number, receipt.received_at.isoformat(), receipt.dossier_id),
            )
            self._dossiers.set_state(conn, receipt.dossier_id, State.ACKNOWLEDGED)

    def purge(self, dossier_id: str) -> None:
        """Delete the personal data and the package of an acknowledged dossier; keep number, date, agent."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM outbox WHERE dossier_id = ?", (dossier_id,))
            conn.execute("UPDATE dossiers SET data = NULL WHERE id = ?", (dossier_id,))
            self._dossiers.set_state(conn, dossier_id, State.PURGED)
        self._db.checkpoint()

    def acknowledged_not_purged(self) -> list[str]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT id FROM dossiers WHERE state = 'acknowledged'").fetchall()
        return [r[0] for r in rows]

    def receipt(self, dossier_id: str) -> Receipt | None:
        with self._db.reading() as conn:
            r = conn.execute(
                "SELECT dossier_id, cert_number, package_sha256, received_at, receipt, signature "
                "FROM receipts WHERE dossier_id = ?",
                (dossier_id,),
            ).fetchone()
        if r is None:
            return None
        return Receipt(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5])

    def status(self) -> OutboxStatus:
        with self._db.reading() as conn:
            count, oldest = conn.execute(
                "SELECT count(*), min(o.queued_at) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
                "WHERE d.state IN ('queued', 'sent')"
            ).fetchone()
            err = conn.execute(
                "SELECT last_error_code, last_error_message FROM outbox WHERE last_error_code IS NOT NULL "
                "ORDER BY next_attempt_at DESC LIMIT 1"
            ).fetchone()
        return OutboxStatus(
            count=count,
            oldest_queued_at=datetime.fromisoformat(oldest) if oldest else None,
            last_error_code=err[0] if err else None,
            last_error_message=err[1] if err else None,
        )

    def waiting(self) -> list[OutboxEntry]:
        """Every dossier still to deliver (queued or sent, unacknowledged), oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT o.dossier_id, d.state, o.queued_at, o.attempts, o.next_attempt_at, o.last_error_code "
                "FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.state IN ('queued', 'sent') "
                "ORDER BY o.queued_at"
            ).fetchall()
        return [OutboxEntry(r[0], State(r[1]), datetime.fromisoformat(r[2]), r[3], datetime.fromisoformat(r[4]),
                            r[5]) for r in rows]

    def expire_receipts(self, before: datetime) -> int:
        """Forget purged dossiers acknowledged before `before` (the receipt retention is configuration)."""
        with self._db.transaction() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM dossiers WHERE state = 'purged' AND acknowledged_at < ?", (before.isoformat(),)
            ).fetchall()]
            for id_ in ids:
                conn.execute("DELETE FROM receipts WHERE dossier_id = ?", (id_,))
                conn.execute("DELETE FROM events WHERE dossier_id = ?", (id_,))
                conn.execute("DELETE FROM dossiers WHERE id = ?", (id_,))
        return len(ids)
