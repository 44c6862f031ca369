"""Every French text the station shows, in one catalogue: what the agent reads at the counter
(`counter.py`) and what the technician reads (`technician.py`), split only so that each file stays
readable. A key lives in exactly one of them; `message` and `label` read both."""

from __future__ import annotations

from . import counter, technician

MESSAGES: dict[str, str] = {**counter.MESSAGES, **technician.MESSAGES}
LABELS: dict[str, str] = {**counter.LABELS, **technician.LABELS}
assert len(MESSAGES) == len(counter.MESSAGES) + len(technician.MESSAGES), "a message key is in both files"
assert len(LABELS) == len(counter.LABELS) + len(technician.LABELS), "a label key is in both files"


def message(key: str, **fields: object) -> str:
    return MESSAGES[key].format(**fields)


def label(key: str, **fields: object) -> str:
    return LABELS[key].format(**fields)
