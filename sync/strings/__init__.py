"""Every French message the sync layer may show an agent, in one catalogue so a reviewer can read them all,
split by job only so that each file stays readable (`transmission.py`, `counter.py`, `delivery.py`,
`setup.py`, `updates.py`). A key lives in exactly one of them; `message` reads them all.

Each says what happened and what the agent should do; none names the applicant. The sync layer keeps its
own catalogue, beside its error codes (why there is one catalogue per layer: station/strings/)."""

from __future__ import annotations

from . import counter, delivery, reference, setup, transmission, updates

_FILES = (transmission, counter, delivery, setup, updates, reference)
MESSAGES: dict[str, str] = {k: v for f in _FILES for k, v in f.MESSAGES.items()}
assert len(MESSAGES) == sum(len(f.MESSAGES) for f in _FILES), "a message key is in two files"


def message(code: str, **fields: object) -> str:
    return MESSAGES[code].format(**fields)
