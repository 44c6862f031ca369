"""The end of a title's life at the mairie: handed over to its holder, or returned to the CERT.

A hand-over is recorded exactly once, like a dossier upload: the station fixes an idempotency key when the
holder signs, and any resend under that key with the same record (a lost reply, a replay from the
station's queue) gets the very same signed receipt back and records nothing twice. The receipt is stored
beside the record because ECDSA signatures are randomised (cert/storage.py says why). The title's status
changes in the same transaction, so a title is never handed over without its record nor twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .db import LookupDb

SCHEMA = """
CREATE TABLE IF NOT EXISTS handover (
    number          TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    station_id      TEXT NOT NULL,
    record_sha256   TEXT NOT NULL,
    record          TEXT NOT NULL,
    handed_over_at  TEXT NOT NULL,
    receipt         BLOB NOT NULL,
    signature       BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS title_return (
    number        TEXT PRIMARY KEY,
    station_id    TEXT NOT NULL,
    supervisor_id TEXT NOT NULL,
    reason        TEXT NOT NULL,
    returned_at   TEXT NOT NULL
);
"""

# Builds and signs the receipt: (handed_over_at) -> (receipt bytes, DER signature).
ReceiptMaker = Callable[[datetime], tuple[bytes, bytes]]


@dataclass(frozen=True)
class HandoverReceipt:
    receipt: bytes
    signature: bytes
    created: bool  # False: the stored receipt of an earlier identical request


class Deliveries:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA)

    def hand_over(self, number: str, key: str, station: str, mairie: str | None, record_sha256: str, record: str,
                  handed_over_at: datetime, make: ReceiptMaker) -> HandoverReceipt | str:
        """The receipt, or why not: "key_conflict" (the key holds another record), or the title's stored
        status when it is not a received title of `mairie` ("other_mairie" when it is another's)."""
        with self._db.tx() as c:
            done = c.execute("SELECT number, station_id, record_sha256, receipt, signature FROM handover "
                             "WHERE idempotency_key = ?", (key,)).fetchone()
            if done is not None:
                if (done[0], done[1], done[2]) != (number, station, record_sha256):
                    return "key_conflict"
                return HandoverReceipt(done[3], done[4], created=False)
            row = c.execute("SELECT status, mairie_insee FROM title WHERE number = ?", (number,)).fetchone()
            if row is None or row[1] != mairie:
                return "other_mairie" if row else "unknown"
            if row[0] != "received":
                return str(row[0])
            receipt, signature = make(handed_over_at)
            c.execute("INSERT INTO handover VALUES (?,?,?,?,?,?,?,?)",
                      (number, key, station, record_sha256, record, handed_over_at.isoformat(), receipt, signature))
            c.execute("UPDATE title SET status = 'handed_over', status_at = ? WHERE number = ?",
                      (handed_over_at.isoformat(), number))
        return HandoverReceipt(receipt, signature, created=True)

    def give_back(self, number: str, station: str, mairie: str | None, supervisor_id: str, reason: str,
                  now: datetime) -> str:
        """Record the return of a received title to the CERT: "returned", or the title's status as it was."""
        with self._db.tx() as c:
            row = c.execute("SELECT status, mairie_insee FROM title WHERE number = ?", (number,)).fetchone()
            if row is None or row[1] != mairie:
                return "other_mairie" if row else "unknown"
            if row[0] != "received":
                return str(row[0])
            c.execute("INSERT INTO title_return VALUES (?,?,?,?,?)",
                      (number, station, supervisor_id, reason, now.isoformat()))
            c.execute("UPDATE title SET status = 'returned', status_at = ? WHERE number = ?",
                      (now.isoformat(), number))
        return "returned"

    def handover_count(self, number: str) -> int:
        row = self._db.read_one("SELECT count(*) FROM handover WHERE number = ?", (number,))
        return int(row[0]) if row else 0
