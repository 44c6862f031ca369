"""The stations' audit trails as the CERT holds them (`audit.sqlite3`), and the alerts their chains raise.

Each batch is checked entry by entry against what the CERT already holds for that station:

- an entry it holds, identical, is a duplicate (a batch sent again after a lost reply): nothing is written;
- an entry it holds, different, is an edit made on the station after it was sent: the copy held is kept,
  the alert raised;
- a new entry whose hash does not match its fields was edited before it left (`edited`); one whose number
  does not follow the last the CERT holds before it leaves a `gap` (entries deleted on the station); one
  whose previous hash is not that entry's hash is a `broken_link` (an entry rewritten with a fresh hash).
  It is stored all the same, flagged, so the CERT keeps every entry a station sent and the chain goes on
  from it; the alert names the station, the entry and what is wrong.

Entries are held per chain: a station whose store was made anew (reinstalled, or its store replaced) sends a
chain of another id, from entry 1. Its first entry raises `new_chain`, naming how far the previous chain is
held, so the operator can match it with a known reinstall: what the old store had not sent is lost, and that
is what the alert is for.

Stored or not, every entry of the batch is then held (as it was, or as first received): the reply says up
to which number, and the station may purge what the CERT holds once past its retention.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .audit_format import GENESIS, Entry, canonical, entry_hash
from .sqlite_file import SqliteFile

DB_NAME = "audit.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_entry (
    station_id  TEXT NOT NULL,
    chain       TEXT NOT NULL,   -- the chain's id: a station's store made anew starts another
    seq         INTEGER NOT NULL,
    entry       TEXT NOT NULL,   -- canonical JSON, hash included
    hash        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    flags       TEXT,            -- comma-separated alert kinds this entry raised when it arrived
    PRIMARY KEY (station_id, chain, seq)
);
CREATE TABLE IF NOT EXISTS audit_alert (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    raised_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_alert_station ON audit_alert(station_id, id);
"""


@dataclass(frozen=True)
class Alert:
    station_id: str
    seq: int
    kind: str  # gap | edited | broken_link | new_chain
    detail: str  # English, for the CERT's operator: numbers and hashes, nothing else
    raised_at: datetime


@dataclass(frozen=True)
class Received:
    held_up_to: int
    stored: int
    duplicates: int
    alerts: list[Alert]


@dataclass(frozen=True)
class StationTrail:
    station_id: str
    chain: str  # the chain most recently begun (a station's earlier chains stay held beside it)
    count: int
    first_seq: int
    held_up_to: int
    head_hash: str
    alerts: int


class AuditStore:
    def __init__(self, data_dir: Path) -> None:
        self._db = SqliteFile(data_dir / DB_NAME, busy_timeout_ms=5000)  # `cert-server audit` reads beside
        self._db.schema(SCHEMA)

    def receive(self, station_id: str, chain: str, entries: list[Entry], now: datetime) -> Received:
        """Check and keep one batch of `station_id`'s entries of chain `chain` (in increasing order), in one
        transaction."""
        stored = duplicates = 0
        alerts: list[Alert] = []

        def alert(seq: int, kind: str, detail: str) -> None:
            alerts.append(Alert(station_id, seq, kind, detail, now))

        with self._db.tx() as c:
            self._new_chain(c, station_id, chain, entries[0].seq, alert)
            for entry in entries:
                text = canonical(entry.model_dump())
                held = c.execute("SELECT entry, received_at FROM audit_entry WHERE station_id = ? AND chain = ? "
                                 "AND seq = ?", (station_id, chain, entry.seq)).fetchone()
                if held is not None:
                    if held[0] == text:
                        duplicates += 1
                    else:
                        alert(entry.seq, "edited", f"entry {entry.seq} differs from the copy received on {held[1]}")
                    continue
                flags = self._judge(c, station_id, chain, entry, alert)
                c.execute("INSERT INTO audit_entry VALUES (?,?,?,?,?,?,?)",
                          (station_id, chain, entry.seq, text, entry.hash, now.isoformat(), ",".join(flags) or None))
                stored += 1
            c.executemany("INSERT INTO audit_alert(station_id, seq, kind, detail, raised_at) VALUES (?,?,?,?,?)",
                          [(a.station_id, a.seq, a.kind, a.detail, a.raised_at.isoformat()) for a in alerts])
            (held_up_to,) = c.execute("SELECT coalesce(max(seq), 0) FROM audit_entry WHERE station_id = ? "
                                      "AND chain = ?", (station_id, chain)).fetchone()
        return Received(held_up_to, stored, duplicates, alerts)

    @staticmethod
    def _new_chain(c: sqlite3.Connection, station_id: str, chain: str, first_seq: int,
                   alert: Callable[[int, str, str], None]) -> None:
        """Alert on the first batch of a chain when the station already has another one."""
        if c.execute("SELECT 1 FROM audit_entry WHERE station_id = ? AND chain = ? LIMIT 1",
                     (station_id, chain)).fetchone():
            return
        previous = c.execute("SELECT chain, max(seq) FROM audit_entry WHERE station_id = ? GROUP BY chain "
                             "ORDER BY max(rowid) DESC LIMIT 1", (station_id,)).fetchone()
        if previous is not None:
            alert(first_seq, "new_chain", f"chain {chain[:8]} begins at entry {first_seq}; the previous chain "
                  f"{previous[0][:8]} is held up to entry {previous[1]} (a reinstall or a replaced store)")

    @staticmethod
    def _judge(c: sqlite3.Connection, station_id: str, chain: str, entry: Entry,
               alert: Callable[[int, str, str], None]) -> list[str]:
        """What is wrong with a new entry: its own hash, then its place after the entry held before it."""
        flags = []
        if entry_hash(entry) != entry.hash:
            flags.append("edited")
            alert(entry.seq, "edited", f"entry {entry.seq} does not match its hash")
        before = c.execute("SELECT seq, hash FROM audit_entry WHERE station_id = ? AND chain = ? AND seq < ? "
                           "ORDER BY seq DESC LIMIT 1", (station_id, chain, entry.seq)).fetchone()
        seq, prev = before or (0, GENESIS)
        if entry.seq != seq + 1:
            flags.append("gap")
            missing = f"{seq + 1}" if entry.seq == seq + 2 else f"{seq + 1} to {entry.seq - 1}"
            alert(entry.seq, "gap", f"entry {missing} missing before entry {entry.seq}")
        elif entry.prev_hash != prev:
            flags.append("broken_link")
            alert(entry.seq, "broken_link", f"entry {entry.seq} does not chain to entry {seq}")
        return flags

    def alerts(self, station_id: str | None = None) -> list[Alert]:
        where, args = ("WHERE station_id = ?", (station_id,)) if station_id else ("", ())
        rows = self._db.read(f"SELECT station_id, seq, kind, detail, raised_at FROM audit_alert {where} ORDER BY id",
                             args)
        return [Alert(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4])) for r in rows]

    def trails(self) -> list[StationTrail]:
        """Each station's latest chain (the one begun last), with the alerts of all its chains."""
        rows = self._db.read(
            "WITH chains AS (SELECT station_id, chain, min(rowid) AS began, count(*) AS n, min(seq) AS first, "
            "max(seq) AS last FROM audit_entry GROUP BY station_id, chain), "
            "latest AS (SELECT * FROM chains c WHERE began = (SELECT max(began) FROM chains d "
            "WHERE d.station_id = c.station_id)) "
            "SELECT station_id, chain, n, first, last, "
            "(SELECT hash FROM audit_entry h WHERE h.station_id = l.station_id AND h.chain = l.chain "
            "AND h.seq = l.last), "
            "(SELECT count(*) FROM audit_alert a WHERE a.station_id = l.station_id) "
            "FROM latest l ORDER BY station_id")
        return [StationTrail(*r) for r in rows]

    def entries(self, station_id: str) -> list[tuple[str, str | None]]:
        """Each entry held for `station_id`, chain after chain as received, in order: its canonical JSON and
        its flags."""
        return [(r[0], r[1]) for r in self._db.read(
            "SELECT entry, flags FROM audit_entry e WHERE station_id = ? ORDER BY (SELECT min(rowid) FROM "
            "audit_entry f WHERE f.station_id = e.station_id AND f.chain = e.chain), seq", (station_id,))]

    def close(self) -> None:
        self._db.close()
