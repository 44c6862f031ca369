"""What the CERT keeps of a title's holder for the hand-over at the mairie: the names as the CERT knows
them, the birth date (age decides the fingerprint check), the face photo, the enrolled finger positions,
which fingers were exceptions, and the ISO/IEC 19794-2 templates (opaque bytes here).

Filled by `cert-server title produce` (cert/lookups/production.py) from an acknowledged dossier; read by
the delivery endpoints (cert/lookups/delivery.py), which release them only to the collecting mairie.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from .db import LookupDb

FINGERPRINT_CHECK_FROM_AGE = 12  # domain.md "from 12 years the holder's fingerprint is checked"
MAJORITY_AGE = 18

SCHEMA = """
CREATE TABLE IF NOT EXISTS holder (
    number         TEXT PRIMARY KEY,
    dossier_number TEXT NOT NULL UNIQUE,
    surname        TEXT NOT NULL,
    given_names    TEXT NOT NULL,
    usage_name     TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    fingers        TEXT NOT NULL,
    photo          BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS holder_template (
    number   TEXT NOT NULL,
    position TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (number, position)
);
"""


@dataclass(frozen=True)
class Finger:
    position: str  # ANSI/NIST finger position, "01".."10"
    exception: str | None  # why no print was taken (amputation, ...), else None


@dataclass(frozen=True)
class Holder:
    number: str
    dossier_number: str
    surname: str
    given_names: str
    usage_name: str
    birth_date: date
    fingers: tuple[Finger, ...]
    photo: bytes  # the enrolled face, JPEG as the dossier carried it
    templates: dict[str, bytes]  # by finger position

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    def fingerprint_check(self, day: date) -> bool:
        """From 12 years at hand-over, when at least one print was enrolled (all exceptions: face only)."""
        return self.age_on(day) >= FINGERPRINT_CHECK_FROM_AGE and bool(self.templates)

    def minor(self, day: date) -> bool:
        return self.age_on(day) < MAJORITY_AGE


class Holders:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA)

    @staticmethod
    def insert(conn: sqlite3.Connection, holder: Holder) -> None:
        """Inside the caller's transaction (the title row goes in with it)."""
        fingers = json.dumps([{"position": f.position, "exception": f.exception} for f in holder.fingers])
        conn.execute("INSERT INTO holder VALUES (?,?,?,?,?,?,?,?)",
                     (holder.number, holder.dossier_number, holder.surname, holder.given_names,
                      holder.usage_name, holder.birth_date.isoformat(), fingers, holder.photo))
        conn.executemany("INSERT INTO holder_template VALUES (?,?,?)",
                         [(holder.number, pos, data) for pos, data in sorted(holder.templates.items())])

    def get(self, number: str) -> Holder | None:
        row = self._db.read_one("SELECT number, dossier_number, surname, given_names, usage_name, birth_date, "
                                "fingers, photo FROM holder WHERE number = ?", (number,))
        if row is None:
            return None
        templates = dict(self._db.read("SELECT position, data FROM holder_template WHERE number = ? "
                                       "ORDER BY position", (number,)))
        fingers = tuple(Finger(f["position"], f["exception"]) for f in json.loads(row[6]))
        return Holder(row[0], row[1], row[2], row[3], row[4], date.fromisoformat(row[5]), fingers, row[7],
                      templates)

    def by_dossier(self, dossier_number: str) -> str | None:
        """The title already produced from this dossier, if any."""
        row = self._db.read_one("SELECT number FROM holder WHERE dossier_number = ?", (dossier_number,))
        return row[0] if row else None

    def names(self, number: str) -> tuple[str, str, str] | None:
        """(surname, given_names, usage_name) without the biometrics."""
        row = self._db.read_one("SELECT surname, given_names, usage_name FROM holder WHERE number = ?", (number,))
        return (row[0], row[1], row[2]) if row else None
