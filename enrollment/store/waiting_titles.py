"""The titles waiting at this mairie, as the CERT last listed them: kept so that the list still shows while
the CERT cannot be reached. Only what the list needs (the CERT's entry, opaque here) and when it was read;
an entry goes when the CERT's next list no longer has it (handed over, returned) or at hand-over here."""

from __future__ import annotations

from datetime import datetime

from .database import Database
from .dossiers import now_utc


class WaitingTitleCache:
    def __init__(self, db: Database) -> None:
        self._db = db

    def replace(self, entries: dict[str, bytes]) -> None:
        """The CERT's whole list, by title number, in place of the previous one (one transaction)."""
        now = now_utc().isoformat()
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM waiting_titles")
            conn.executemany("INSERT INTO waiting_titles(number, entry, listed_at) VALUES (?,?,?)",
                             [(number, entry, now) for number, entry in entries.items()])
        self._db.checkpoint()  # the entries of titles gone from the list leave the WAL too

    def entries(self) -> dict[str, bytes]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT number, entry FROM waiting_titles ORDER BY number").fetchall()
        return {r[0]: r[1] for r in rows}

    def listed_at(self) -> datetime | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT max(listed_at) FROM waiting_titles").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def remove(self, number: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM waiting_titles WHERE number = ?", (number,))
        self._db.checkpoint()
