"""The dossier's life: draft → complete → sealed → queued → sent → acknowledged → purged.

A complete dossier goes back to draft when the agent edits it again; nothing after sealing goes back,
because from then on the package is what the CERT will see.

Every move a dossier makes before sealing is one of the functions below (`start`, `edit`, `reopen`,
`complete`, `seal`); the screens, the store and the sealer call them instead of setting `state`
themselves. `complete` and `seal` both run the validation rules, so a dossier changed after it was
completed (or one a new day has made incomplete: a child turned twelve needs prints) is never sealed.
The store asks `check_storable` before each write, so a state set by hand without its rules is refused.
"""

from __future__ import annotations

import uuid
from datetime import date

from .documents_required import documents_of
from .errors import EnrollmentError
from .model import Dossier, State, TitleType
from .rules import DEFAULT_RULES, Rules
from .strings import message
from .validation import Problem, validate

TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.COMPLETE}),
    State.COMPLETE: frozenset({State.DRAFT, State.SEALED}),
    State.SEALED: frozenset({State.QUEUED}),
    State.QUEUED: frozenset({State.SENT, State.ACKNOWLEDGED}),
    # An upload cut after the last byte leaves the dossier sent but unacknowledged; a retry re-sends it.
    State.SENT: frozenset({State.QUEUED, State.ACKNOWLEDGED}),
    State.ACKNOWLEDGED: frozenset({State.PURGED}),
    State.PURGED: frozenset(),
}

STATE_LABELS: dict[State, str] = {
    State.DRAFT: message("state.draft"),
    State.COMPLETE: message("state.complete"),
    State.SEALED: message("state.sealed"),
    State.QUEUED: message("state.queued"),
    State.SENT: message("state.sent"),
    State.ACKNOWLEDGED: message("state.acknowledged"),
    State.PURGED: message("state.purged"),
}

EDITABLE = frozenset({State.DRAFT, State.COMPLETE})


class IncompleteDossier(EnrollmentError):
    """`complete` or `seal` refused: `problems` says what to fix, step by step, as the summary lists it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("workflow.incomplete", message("workflow.incomplete", count=len(problems)))
        self.problems = problems


def check_transition(current: State, new: State) -> None:
    if new not in TRANSITIONS[current]:
        raise EnrollmentError("workflow.transition", message("workflow.transition", state=STATE_LABELS[current]))


def require_editable(state: State) -> None:
    """Only a draft or a complete dossier may still change: after sealing the package is the CERT's."""
    if state not in EDITABLE:
        raise EnrollmentError("workflow.transition", message("workflow.transition", state=STATE_LABELS[state]))


def require_valid(dossier: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> None:
    if problems := validate(dossier, today, rules):
        raise IncompleteDossier(problems)


def start(agent_id: str) -> Dossier:
    """A new application: an empty draft the agent answers for."""
    return Dossier(agent_id=agent_id, state=State.DRAFT)


def edit(dossier: Dossier) -> None:
    """The agent changes the dossier: a complete one is a draft again until it is completed anew."""
    require_editable(dossier.state)
    dossier.state = State.DRAFT


def reopen(dossier: Dossier, agent_id: str) -> None:
    """An agent resumes a saved dossier: it is being edited again, and whoever resumes it answers for it."""
    edit(dossier)
    dossier.agent_id = agent_id


def complete(dossier: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> None:
    """The agent validates the dossier: complete only if every rule passes (`IncompleteDossier` otherwise)."""
    require_editable(dossier.state)
    require_valid(dossier, today, rules)
    dossier.state = State.COMPLETE


def seal(dossier: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> None:
    """The last check before the package is built: only a complete dossier, and the rules once more, since
    what was complete when the agent validated it may not be any longer."""
    check_transition(dossier.state, State.SEALED)
    require_valid(dossier, today, rules)
    dossier.state = State.SEALED


def title_dossier_id(dossier: Dossier, n: int) -> str:
    """The id the dossier of request `n` will have once split: known from the draft on, so that a fee stamp
    reserved at the counter for the second title is reserved for the dossier the CERT will receive, and a
    sealing made again after a crash gives the same ids."""
    return dossier.id if n == 0 else str(uuid.uuid5(uuid.NAMESPACE_URL, f"recueil:{dossier.id}/{n}"))


def split(dossier: Dossier) -> list[Dossier]:
    """A sealed application as the CERT instructs it: one dossier per title. A couplée application's two
    dossiers share the capture and the application's documents, keep one request each with the documents
    of that request only (the previous title it renews…) and name each other; the first keeps the draft's
    id. The refusal that TES keeps the prints concerns the identity card only."""
    if len(dossier.requests) == 1:
        return [dossier]
    ids = [title_dossier_id(dossier, n) for n in range(len(dossier.requests))]
    return [dossier.model_copy(deep=True, update={
        "id": own, "requests": [request.model_copy(deep=True)], "linked_dossiers": [i for i in ids if i != own],
        "documents": [doc.model_copy(deep=True) for doc in documents_of(dossier.documents, request.title)],
        "tes_prints_refused": dossier.tes_prints_refused and request.title is TitleType.CNI})
        for own, request in zip(ids, dossier.requests, strict=True)]


def check_storable(stored: State | None, dossier: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> None:
    """May the store write `dossier` over a row in state `stored` (None: a new one)? Only an editable
    dossier over an editable row, and a complete one only if it still passes the rules."""
    if stored is not None:
        require_editable(stored)
    require_editable(dossier.state)
    if dossier.state is State.COMPLETE:
        require_valid(dossier, today, rules)
