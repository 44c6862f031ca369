"""The dossier's life: draft → complete → sealed → queued → sent → acknowledged → purged.

A complete dossier goes back to draft when the agent edits it again; nothing after sealing goes back,
because from then on the package is what the CERT will see.
"""

from __future__ import annotations

from .errors import EnrollmentError
from .model import State
from .strings import message

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


def check_transition(current: State, new: State) -> None:
    if new not in TRANSITIONS[current]:
        raise EnrollmentError("workflow.transition", message("workflow.transition", state=STATE_LABELS[current]))
