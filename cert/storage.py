"""The CERT's record of received dossiers (stdlib SQLite), and the dossier numbers it issues.

A dossier number is `<CERT code>-<year>-<sequence>`, e.g. "21-2026-000001": the code names the CERT
(configuration, two characters here), the year is the UTC year of receipt and the six-digit sequence
restarts at 1 each year. Numbers are allocated inside the same transaction that stores the package, so a
number is never issued without its dossier nor twice.

The package is kept as received (sealed, the evidence of what the station sent) and its decrypted,
verified files beside it (`received_files`), which instruction and `cert-server dump` read.

Each dossier id is also bound to the station that uses it (`dossier_claims`): the first station to
consume a reference (ePhoto code, fee stamp) for a dossier id claims it, and the received package binds it
for good to the station and mairie that sealed it. Another station may then consume for that dossier only
if it belongs to the same mairie (a dossier taken at one counter and finished at the next).

The signed receipt is stored beside the package: ECDSA signatures are randomised, so replaying a request
must hand back the stored bytes rather than sign again, or the station would see two different receipts
for one dossier.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS received (
    dossier_number  TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    station_id      TEXT NOT NULL,
    package_sha256  TEXT NOT NULL,
    package         BLOB NOT NULL,
    received_at     TEXT NOT NULL,
    receipt         BLOB NOT NULL,
    signature       BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS received_files (
    dossier_number  TEXT NOT NULL REFERENCES received(dossier_number),
    name            TEXT NOT NULL,
    data            BLOB NOT NULL,
    PRIMARY KEY (dossier_number, name)
);
CREATE TABLE IF NOT EXISTS dossier_claims (
    dossier_id      TEXT PRIMARY KEY,
    station_id      TEXT NOT NULL,
    mairie_insee    TEXT,
    claimed_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
"""

DB_NAME = "cert.sqlite3"


@dataclass(frozen=True)
class ReceivedDossier:
    """One stored dossier without its package (listing and replies never need the package bytes)."""

    dossier_number: str
    idempotency_key: str
    station_id: str
    package_sha256: str
    received_at: datetime
    receipt: bytes
    signature: bytes


# May this station (of this mairie) use references for this dossier id? (dossier_id, station, mairie, now)
ClaimCheck = Callable[[str, str, str | None, datetime], bool]

# Builds and signs the receipt once the number and time are known: (number, received_at) -> (bytes, sig).
ReceiptMaker = Callable[[str, datetime], tuple[bytes, bytes]]

_COLUMNS = "dossier_number, idempotency_key, station_id, package_sha256, received_at, receipt, signature"


def _row(r: tuple) -> ReceivedDossier:
    return ReceivedDossier(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]), r[5], r[6])


class Storage:
    """One connection serialised by a lock: the reference CERT takes a few requests a minute, and a single
    writer makes "look up the key, else allocate and insert" atomic without relying on SQLite busy retries."""

    def __init__(self, data_dir: Path, cert_code: str = "21") -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / DB_NAME
        self.cert_code = cert_code
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.executescript(SCHEMA)

    def find(self, idempotency_key: str) -> ReceivedDossier | None:
        with self._lock:
            r = self._conn.execute(
                f"SELECT {_COLUMNS} FROM received WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
        return _row(r) if r else None

    def receive(
        self, idempotency_key: str, station_id: str, package_sha256: str, package: bytes, make: ReceiptMaker,
        files: dict[str, bytes] | None = None, mairie: str | None = None,
    ) -> tuple[ReceivedDossier, bool]:
        """Store a package and its opened files once. Returns the stored dossier and whether this call
        created it; an existing dossier under the key is returned untouched (the caller compares digests).
        The dossier is bound to its sealing station and `mairie`, whoever claimed its id before."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                r = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM received WHERE idempotency_key = ?", (idempotency_key,)
                ).fetchone()
                if r is not None:
                    self._conn.execute("COMMIT")
                    return _row(r), False
                received_at = datetime.now(UTC).replace(microsecond=0)
                number = self._next_number(received_at.year)
                receipt, signature = make(number, received_at)
                self._conn.execute(
                    f"INSERT INTO received({_COLUMNS}, package) VALUES (?,?,?,?,?,?,?,?)",
                    (number, idempotency_key, station_id, package_sha256, received_at.isoformat(),
                     receipt, signature, package),
                )
                self._conn.executemany(
                    "INSERT INTO received_files(dossier_number, name, data) VALUES (?,?,?)",
                    [(number, name, data) for name, data in (files or {}).items()],
                )
                self._conn.execute("INSERT OR REPLACE INTO dossier_claims VALUES (?,?,?,?)",
                                   (idempotency_key, station_id, mairie, received_at.isoformat()))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return ReceivedDossier(number, idempotency_key, station_id, package_sha256, received_at,
                               receipt, signature), True

    def claim(self, dossier_id: str, station_id: str, mairie: str | None, now: datetime) -> bool:
        """May `station_id` (of `mairie`) use references for this dossier? Yes when the id is new (it now
        claims it), its own, or its mairie's."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute("SELECT station_id, mairie_insee FROM dossier_claims WHERE dossier_id = ?",
                                         (dossier_id,)).fetchone()
                if row is None:
                    # Received before claims were kept: the sealing station alone.
                    row = self._conn.execute("SELECT station_id, NULL FROM received WHERE idempotency_key = ?",
                                             (dossier_id,)).fetchone()
                if row is None:
                    self._conn.execute("INSERT INTO dossier_claims VALUES (?,?,?,?)",
                                       (dossier_id, station_id, mairie, now.isoformat()))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return row is None or row[0] == station_id or (row[1] is not None and row[1] == mairie)

    def _next_number(self, year: int) -> str:
        self._conn.execute(
            "INSERT INTO sequences(year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1",
            (year,),
        )
        (seq,) = self._conn.execute("SELECT last FROM sequences WHERE year = ?", (year,)).fetchone()
        return f"{self.cert_code}-{year}-{seq:06d}"

    def package(self, idempotency_key: str) -> bytes | None:
        with self._lock:
            r = self._conn.execute(
                "SELECT package FROM received WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
        return r[0] if r else None

    def by_number(self, dossier_number: str) -> ReceivedDossier | None:
        with self._lock:
            r = self._conn.execute(
                f"SELECT {_COLUMNS} FROM received WHERE dossier_number = ?", (dossier_number,)
            ).fetchone()
        return _row(r) if r else None

    def files(self, dossier_number: str) -> dict[str, bytes]:
        """The verified files of a received dossier, by package entry name."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT name, data FROM received_files WHERE dossier_number = ? ORDER BY rowid", (dossier_number,)
            ).fetchall()
        return {name: data for name, data in rows}

    def mairie_of(self, dossier_number: str) -> str | None:
        """The INSEE code of the mairie that sealed this dossier (its titles are collected there)."""
        with self._lock:
            r = self._conn.execute(
                "SELECT c.mairie_insee FROM received r JOIN dossier_claims c ON c.dossier_id = r.idempotency_key "
                "WHERE r.dossier_number = ?", (dossier_number,)).fetchone()
        return r[0] if r else None

    def all(self) -> list[ReceivedDossier]:
        with self._lock:
            rows = self._conn.execute(f"SELECT {_COLUMNS} FROM received ORDER BY dossier_number").fetchall()
        return [_row(r) for r in rows]

    def count(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT count(*) FROM received").fetchone()
        return n

    def close(self) -> None:
        with self._lock:
            self._conn.close()
