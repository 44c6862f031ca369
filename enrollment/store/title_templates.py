"""The enrolled fingerprint templates of a title waiting here, as the CERT released them for the hand-over's
1:1 check: kept in the encrypted store only while the title waits, deleted at its hand-over (in the same
transaction as the hand-over's acknowledgement, enrollment/store/deliveries.py) or when it leaves the
CERT's waiting list.

The failed presentations of a title are counted here too, so that the limit on presentations holds when the
agent searches the title again or the session locks; the count goes with the templates."""

from __future__ import annotations

import base64
import json

from .database import Database
from .dossiers import now_utc


class TitleTemplates:
    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, number: str, templates: dict[str, bytes]) -> None:
        """The ISO/IEC 19794-2 records by finger position, in place of any kept before."""
        blob = json.dumps({p: base64.b64encode(t).decode() for p, t in templates.items()}).encode()
        with self._db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO title_templates(number, templates, fetched_at) VALUES (?,?,?)",
                         (number, blob, now_utc().isoformat()))

    def get(self, number: str) -> dict[str, bytes] | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT templates FROM title_templates WHERE number = ?", (number,)).fetchone()
        if row is None:
            return None
        return {p: base64.b64decode(t) for p, t in json.loads(row[0]).items()}

    def keep_only(self, numbers: set[str]) -> int:
        """Delete the templates of every title not in `numbers` (the CERT's waiting list); how many went."""
        with self._db.transaction() as conn:
            held = [r[0] for r in conn.execute("SELECT number FROM title_templates").fetchall()]
            gone = [n for n in held if n not in numbers]
            conn.executemany("DELETE FROM title_templates WHERE number = ?", [(n,) for n in gone])
            kept = [r[0] for r in conn.execute("SELECT number FROM title_presentations").fetchall()]
            conn.executemany("DELETE FROM title_presentations WHERE number = ?",
                             [(n,) for n in kept if n not in numbers])
        if gone:
            self._db.checkpoint()
        return len(gone)

    def failed_presentations(self, number: str) -> int:
        with self._db.reading() as conn:
            row = conn.execute("SELECT failed FROM title_presentations WHERE number = ?", (number,)).fetchone()
        return int(row[0]) if row else 0

    def count_failed_presentation(self, number: str) -> int:
        """One more failed presentation for the title; the count now."""
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO title_presentations(number, failed) VALUES (?, 1) "
                         "ON CONFLICT(number) DO UPDATE SET failed = failed + 1", (number,))
            return int(conn.execute("SELECT failed FROM title_presentations WHERE number = ?",
                                    (number,)).fetchone()[0])

    def numbers(self) -> list[str]:
        with self._db.reading() as conn:
            return [r[0] for r in conn.execute("SELECT number FROM title_templates ORDER BY number").fetchall()]
