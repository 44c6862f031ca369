"""The SMS gateway the CERT queues applicant notices through, pluggable; by default a file.

Messages are first written to an `sms` table in the same transaction as the event that causes them (an
envelope received), then handed to the gateway and marked sent. So a replayed event queues nothing, and a
crash after the commit only delays a message: the next dispatch sends it. (A crash between the gateway
call and the mark would send it twice; the line carries the message id so a real gateway can drop the
duplicate.)

The default gateway appends one JSON line per message to `sms.jsonl` in the data folder, which
`cert-server sms list` prints; a real operator's gateway implements `SmsGateway.deliver`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .db import LookupDb

log = logging.getLogger(__name__)

SMS_FILE = "sms.jsonl"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sms (
    id        INTEGER PRIMARY KEY,
    reason    TEXT NOT NULL UNIQUE,
    phone     TEXT NOT NULL,
    text      TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    sent_at   TEXT
);
"""


@dataclass(frozen=True)
class SmsMessage:
    id: int
    to: str  # E.164 phone number
    text: str
    queued_at: str


class SmsGateway(Protocol):
    def deliver(self, message: SmsMessage) -> None:
        """Hand the message over; raise to leave it queued for the next dispatch."""


class FileSmsGateway:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def deliver(self, message: SmsMessage) -> None:
        line = json.dumps(asdict(message), ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())


def read_file(path: Path) -> list[SmsMessage]:
    if not path.is_file():
        return []
    return [SmsMessage(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


class SmsQueue:
    def __init__(self, db: LookupDb, gateway: SmsGateway) -> None:
        self._db = db
        self._gateway = gateway
        self._dispatching = threading.Lock()
        db.schema(SCHEMA)

    @staticmethod
    def enqueue(conn: sqlite3.Connection, reason: str, phone: str, text: str, now: datetime) -> bool:
        """Queue inside the caller's transaction; `reason` (e.g. "envelope:<title>") makes it once only."""
        cur = conn.execute("INSERT OR IGNORE INTO sms(reason, phone, text, queued_at) VALUES (?,?,?,?)",
                           (reason, phone, text, now.isoformat()))
        return cur.rowcount == 1

    def trail(self, reason: str, prefix: str) -> list[tuple[str, str, str | None]]:
        """(reason, queued_at, sent_at) of the messages queued for `reason` or any reason starting with
        `prefix`, oldest first: what a title's availability notices and reminders became."""
        return [tuple(r) for r in self._db.read(  # type: ignore[misc]
            "SELECT reason, queued_at, sent_at FROM sms WHERE reason = ? OR substr(reason, 1, ?) = ? ORDER BY id",
            (reason, len(prefix), prefix))]

    def dispatch(self, now: datetime) -> int:
        """Deliver what is queued and unsent; returns how many went."""
        sent = 0
        with self._dispatching:
            rows = self._db.read("SELECT id, phone, text, queued_at FROM sms WHERE sent_at IS NULL ORDER BY id")
            for row in rows:
                try:
                    self._gateway.deliver(SmsMessage(*row))
                except Exception:  # any gateway failure: keep it queued, the next dispatch retries
                    log.warning("sms gateway failed", extra={"event": "cert.sms_failed", "code": str(row[0])})
                    break
                with self._db.tx() as c:
                    c.execute("UPDATE sms SET sent_at = ? WHERE id = ?", (now.isoformat(), row[0]))
                sent += 1
        return sent
