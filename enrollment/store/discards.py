"""Drafts deleted before sealing: abandoned by an agent, or expired after days untouched.

The draft and its captures go at once, in one transaction (secure delete zeroes their pages), then the WAL
is checkpointed and emptied so no earlier frame still holds them. What stays is a record a technician may
read without learning anything about the applicant: the dossier id, who (the agent; none for an expiry),
why (a reason code) and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..errors import StoreError
from ..model import State
from ..strings import message
from ..workflow import require_editable
from .database import Connection, Database
from .dossiers import now_utc


class DiscardReason(StrEnum):
    APPLICANT_WITHDREW = "usager_renonce"
    DUPLICATE = "doublon"
    ENTRY_ERROR = "erreur_saisie"
    OTHER = "autre"
    EXPIRED = "expire"  # the station's, never an agent's choice


# What an agent may give as the reason to abandon a draft, in the order the dialog offers them.
ABANDON_REASONS: tuple[DiscardReason, ...] = (
    DiscardReason.APPLICANT_WITHDREW, DiscardReason.DUPLICATE, DiscardReason.ENTRY_ERROR, DiscardReason.OTHER,
)


@dataclass(frozen=True)
class Discard:
    dossier_id: str
    agent_id: str | None
    reason: DiscardReason
    at: datetime


class DiscardRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def abandon(self, dossier_id: str, agent_id: str, reason: DiscardReason) -> None:
        """The agent gives up an editable dossier: it and its captures are deleted, the reason recorded."""
        if reason not in ABANDON_REASONS:
            raise ValueError(f"not an agent's reason: {reason}")
        with self._db.transaction() as conn:
            row = conn.execute("SELECT state FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
            if row is None:
                raise StoreError("store.not_found", message("store.not_found"))
            require_editable(State(row[0]))  # sealed meanwhile: the package is the CERT's now
            _discard(conn, dossier_id, agent_id, reason)
        self._db.checkpoint()

    def expire_drafts(self, before: datetime) -> list[str]:
        """Delete every editable dossier last saved before `before`; returns their ids."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT id, updated_at FROM dossiers WHERE state IN (?, ?)",
                (State.DRAFT.value, State.COMPLETE.value),
            ).fetchall()
            # Compared as datetimes: ISO strings of different precision do not sort as their instants.
            expired = [id_ for id_, updated in rows if datetime.fromisoformat(updated) < before]
            for id_ in expired:
                _discard(conn, id_, None, DiscardReason.EXPIRED)
        if expired:
            self._db.checkpoint()
        return expired

    def forget(self, before: datetime) -> int:
        """Drop records older than `before`: like a purged dossier's receipt, a record serves the technician
        for a while, not for ever."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT dossier_id, at FROM discarded").fetchall()
            old = [id_ for id_, at in rows if datetime.fromisoformat(at) < before]
            conn.executemany("DELETE FROM discarded WHERE dossier_id = ?", [(id_,) for id_ in old])
        return len(old)

    def records(self) -> list[Discard]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT dossier_id, agent_id, reason, at FROM discarded ORDER BY at").fetchall()
        return [Discard(r[0], r[1], DiscardReason(r[2]), datetime.fromisoformat(r[3])) for r in rows]


def _discard(conn: Connection, dossier_id: str, agent_id: str | None, reason: DiscardReason) -> None:
    conn.execute("DELETE FROM events WHERE dossier_id = ?", (dossier_id,))
    conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
    conn.execute(
        "INSERT OR REPLACE INTO discarded(dossier_id, agent_id, reason, at) VALUES (?, ?, ?, ?)",
        (dossier_id, agent_id, reason.value, now_utc().isoformat()),
    )
