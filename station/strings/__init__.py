"""Every French text the station layer shows, in one catalogue: what the agent reads at the counter
(`counter.py`, `delivery.py` for the title delivery pages, `receipt.py` for what is printed for the
applicant) and what the technician reads (`technician.py`, `audit.py` for the audit trail; `fleet.py` for
the clock rule and the support bundle; `updates.py` for signed updates), split only so that each file stays
readable. A key lives in exactly one of them; `message` and `label` read them all.

One catalogue per layer (this one, sync/strings/, enrollment/strings.py, devices/strings/), not one
package below them all: each layer's error type carries its own French message, so its words live beside
its codes and move with them, and the layers below would otherwise import wording that belongs above them
(the drivers know nothing of enrollment nor of the station). Those four are the whole list:
tests/test_french_text_lives_in_catalogues.py finds French text anywhere else, and
tests/test_every_catalogue_key_is_used.py finds keys no code shows."""

from __future__ import annotations

from . import audit, counter, delivery, fleet, receipt, technician, updates

_FILES = (counter, delivery, receipt, technician, audit, fleet, updates)
MESSAGES: dict[str, str] = {k: v for f in _FILES for k, v in f.MESSAGES.items()}
LABELS: dict[str, str] = {k: v for f in _FILES for k, v in f.LABELS.items()}
assert len(MESSAGES) == sum(len(f.MESSAGES) for f in _FILES), "a message key is in two files"
assert len(LABELS) == sum(len(f.LABELS) for f in _FILES), "a label key is in two files"


def message(key: str, **fields: object) -> str:
    return MESSAGES[key].format(**fields)


def label(key: str, **fields: object) -> str:
    return LABELS[key].format(**fields)
