"""Electronic fiscal stamps (timbres fiscaux électroniques): the records, their reservation and their use.

A stamp is a 16-digit number with an amount and a purchase date, valid 6 months from purchase
(domain.md, verify: `VALIDITY_MONTHS`) and consumed once. At the counter the station reserves it for the
dossier being taken (`RESERVATION_DAYS`, then the hold lapses), so that two counters cannot both accept
the same stamp; the package's arrival consumes it. Both are idempotent per dossier (a resend after a lost
reply gets the same answer); another dossier is refused. The HTTP side is in fee_stamp_routes.py.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..ephoto import add_months
from .db import LookupDb

NUMBER_PATTERN = re.compile(r"^[0-9]{16}$")  # domain.md "a 16-digit number"
VALIDITY_MONTHS = 6  # domain.md "valid 6 months from purchase (verify)"
RESERVATION_DAYS = 7  # a hold long enough for a dossier finished a few days later, short enough not to strand it

SCHEMA = """
CREATE TABLE IF NOT EXISTS fee_stamp (
    number       TEXT PRIMARY KEY,
    amount_cents INTEGER NOT NULL,
    purchased_at TEXT NOT NULL,
    used_at      TEXT,
    used_by      TEXT
);
"""
_ADDED = (("fee_stamp", "used_by_station TEXT"),  # the station that consumed it
          ("fee_stamp", "reserved_by TEXT"), ("fee_stamp", "reserved_until TEXT"))


@dataclass(frozen=True)
class FeeStampRecord:
    number: str
    amount_cents: int
    purchased_at: datetime
    used_at: datetime | None = None
    used_by: str | None = None
    reserved_by: str | None = None
    reserved_until: datetime | None = None

    @property
    def expires_at(self) -> datetime:
        return add_months(self.purchased_at, VALIDITY_MONTHS)

    def status(self, now: datetime) -> str:
        if self.used_by is not None:
            return "used"
        return "expired" if self.expires_at < now else "valid"

    def held_for(self, now: datetime) -> str | None:
        """The dossier a live reservation holds the stamp for, if any."""
        live = self.reserved_until is not None and self.reserved_until >= now
        return self.reserved_by if live else None

    def free_for(self, dossier_id: str, now: datetime) -> bool:
        """Nobody else used or holds it (its expiry is the caller's to judge)."""
        return self.used_by in (None, dossier_id) and self.held_for(now) in (None, dossier_id)


class FeeStamps:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA, *_ADDED)

    def add(self, record: FeeStampRecord) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO fee_stamp(number, amount_cents, purchased_at, used_at, used_by) "
                      "VALUES (?,?,?,?,?)",
                      (record.number, record.amount_cents, record.purchased_at.isoformat(),
                       record.used_at.isoformat() if record.used_at else None, record.used_by))

    def issue(self, amount_cents: int, purchased_at: datetime) -> FeeStampRecord:
        """A new stamp under a fresh random number, as the tax office's shop sells one."""
        while True:
            number = "".join(secrets.choice("0123456789") for _ in range(16))
            with self._db.tx() as c:
                if c.execute("SELECT 1 FROM fee_stamp WHERE number = ?", (number,)).fetchone() is None:
                    c.execute("INSERT INTO fee_stamp(number, amount_cents, purchased_at) VALUES (?,?,?)",
                              (number, amount_cents, purchased_at.isoformat()))
                    return FeeStampRecord(number, amount_cents, purchased_at)

    def get(self, number: str) -> FeeStampRecord | None:
        rows = self._db.read(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?", (number,))
        return _record(rows[0]) if rows else None

    def reserve(self, number: str, dossier_id: str, now: datetime) -> FeeStampRecord | None:
        """Hold the stamp for the dossier unless another dossier used or holds it; the same dossier asking
        again keeps its first hold (same answer). The record as it stands after."""
        with self._db.tx() as c:
            row = c.execute(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?", (number,)).fetchone()
            if row is None:
                return None
            record = _record(row)
            if record.used_by is None and record.held_for(now) is None:
                until = now + timedelta(days=RESERVATION_DAYS)
                c.execute("UPDATE fee_stamp SET reserved_by = ?, reserved_until = ? WHERE number = ?",
                          (dossier_id, until.isoformat(), number))
                record = _record(c.execute(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?",
                                           (number,)).fetchone())
        return record

    def consume(self, number: str, dossier_id: str, now: datetime, station_id: str | None = None
                ) -> FeeStampRecord | None:
        """Use the stamp for the dossier if it is free for it (see `free_for`); the record as it stands after."""
        with self._db.tx() as c:
            row = c.execute(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?", (number,)).fetchone()
            if row is None:
                return None
            record = _record(row)
            if record.used_by is None and record.free_for(dossier_id, now):
                c.execute("UPDATE fee_stamp SET used_at = ?, used_by = ?, used_by_station = ? WHERE number = ?",
                          (now.isoformat(), dossier_id, station_id, number))
                record = _record(c.execute(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?",
                                           (number,)).fetchone())
        return record


_COLUMNS = "number, amount_cents, purchased_at, used_at, used_by, reserved_by, reserved_until"


def _record(r: tuple) -> FeeStampRecord:
    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return FeeStampRecord(r[0], r[1], datetime.fromisoformat(r[2]), when(r[3]), r[4], r[5], when(r[6]))
