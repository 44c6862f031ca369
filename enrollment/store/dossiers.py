"""Drafts and their states. Every write is one transaction: a crash leaves the last saved draft.

The store writes only states the workflow would produce: before each write `save_draft` asks the
workflow (`check_storable`), which refuses anything past complete and runs the rules on a complete
dossier. Asking at the write rather than trusting a mark the workflow leaves on the dossier (a token)
is deliberate: `state` is a plain field any caller may set, a token would have to survive the JSON round
trip and would go stale the moment the dossier changed after completion, whereas a check at the write
judges exactly the bytes being stored. The rules need the date, hence the repository's `today` clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..errors import StoreError
from ..model import Dossier, State, TitleType
from ..rules import DEFAULT_RULES, Rules
from ..strings import message
from ..workflow import check_storable, check_transition
from .database import Connection, Database


def now_utc() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DossierSummary:
    """What the station lists. `applicant` is shown to the agent only while the data is on the station."""

    id: str
    state: State
    agent_id: str
    title: TitleType | None
    applicant: str
    created_at: datetime
    updated_at: datetime
    cert_number: str | None
    acknowledged_at: datetime | None


class DossierRepository:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._today = today
        # The rules in force: the station sets the verified reference set's (station/reference.py).
        self.rules: Callable[[], Rules] = lambda: DEFAULT_RULES

    def save_draft(self, dossier: Dossier) -> None:
        """Insert or update an editable dossier, with its state once the workflow accepts it (an
        `EnrollmentError` otherwise, and nothing is written), and its agent: an agent who resumes a
        colleague's draft becomes its agent of record."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT state FROM dossiers WHERE id = ?", (dossier.id,)).fetchone()
            check_storable(State(row[0]) if row else None, dossier, self._today(), self.rules())
            dossier.updated_at = now_utc()
            conn.execute(
                "INSERT INTO dossiers(id, state, agent_id, title, created_at, updated_at, data) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET state=excluded.state, "
                "agent_id=excluded.agent_id, title=excluded.title, updated_at=excluded.updated_at, data=excluded.data",
                (
                    dossier.id,
                    dossier.state.value,
                    dossier.agent_id,
                    dossier.title.value if dossier.title else None,
                    dossier.created_at.isoformat(),
                    dossier.updated_at.isoformat(),
                    dossier.to_json(),
                ),
            )
            if row is None or row[0] != dossier.state.value:
                record_event(conn, dossier.id, dossier.state)

    def load(self, dossier_id: str) -> Dossier:
        """The dossier as stored, in the state its row records: the workflow's moves after sealing change
        the row, not the JSON copy kept beside it."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT state, data FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        if row is None or row[1] is None:
            raise StoreError("store.not_found", message("store.not_found"))
        dossier = Dossier.from_json(row[1])
        dossier.state = State(row[0])
        return dossier

    def state_of(self, dossier_id: str) -> State:
        with self._db.reading() as conn:
            return self.state_of_in(conn, dossier_id)

    def state_of_in(self, conn: Connection, dossier_id: str) -> State:
        row = conn.execute("SELECT state FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise StoreError("store.not_found", message("store.not_found"))
        return State(row[0])

    def set_state(self, conn: Connection, dossier_id: str, new: State) -> None:
        """Move a dossier inside the caller's transaction, checking the workflow."""
        row = conn.execute("SELECT state FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise StoreError("store.not_found", message("store.not_found"))
        check_transition(State(row[0]), new)
        conn.execute(
            "UPDATE dossiers SET state = ?, updated_at = ? WHERE id = ?",
            (new.value, now_utc().isoformat(), dossier_id),
        )
        record_event(conn, dossier_id, new)

    def summaries(self) -> list[DossierSummary]:
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT id, state, agent_id, title, created_at, updated_at, cert_number, acknowledged_at, data "
                "FROM dossiers ORDER BY updated_at DESC"
            ).fetchall()
        out = []
        for id_, state, agent, title, created, updated, number, acked, data in rows:
            applicant = ""
            if data is not None:
                d = Dossier.from_json(data)
                applicant = " ".join(p for p in (d.civil.surname.upper(), d.civil.given_names) if p)
            out.append(
                DossierSummary(
                    id=id_,
                    state=State(state),
                    agent_id=agent,
                    title=TitleType(title) if title else None,
                    applicant=applicant,
                    created_at=datetime.fromisoformat(created),
                    updated_at=datetime.fromisoformat(updated),
                    cert_number=number,
                    acknowledged_at=datetime.fromisoformat(acked) if acked else None,
                )
            )
        return out


def record_event(conn: Connection, dossier_id: str, state: State) -> None:
    conn.execute(
        "INSERT INTO events(dossier_id, state, at) VALUES (?, ?, ?)",
        (dossier_id, state.value, now_utc().isoformat()),
    )
