"""The titles waiting at this mairie: read from the CERT, kept in the store for when it cannot be reached,
ordered for the counter (overdue first, then the nearest deadline) and searched by name or number.

Blocking (HTTPS): the page calls `refresh` off the GUI thread."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sync.errors import SyncError

from .config import Config
from .context import cert_client

if TYPE_CHECKING:
    from enrollment.store import Store
    from sync.delivery_replies import WaitingTitle


@dataclass(frozen=True)
class WaitingList:
    titles: list[WaitingTitle]
    listed_at: datetime | None  # when the CERT gave this list
    problem: SyncError | None = None  # why it is the kept copy and not a fresh one


def refresh(config: Config, store: Store) -> WaitingList:
    """The CERT's list, kept in place of the previous one; the kept one, with the reason, when the CERT
    cannot give it."""
    from sync.delivery import fetch_waiting_titles

    try:
        with cert_client(config) as client:
            titles = fetch_waiting_titles(client)
    except SyncError as exc:
        return WaitingList(*_kept(store), problem=exc)
    store.waiting_titles.replace({t.number: t.model_dump_json().encode() for t in titles})
    # Templates released for a hand-over that has left the list (returned, handed over elsewhere) go too.
    store.title_templates.keep_only({t.number for t in titles})
    return WaitingList(_ordered(titles), store.waiting_titles.listed_at())


def kept(store: Store) -> WaitingList:
    return WaitingList(*_kept(store))


def _kept(store: Store) -> tuple[list[WaitingTitle], datetime | None]:
    from sync.delivery_replies import WaitingTitle

    titles = [WaitingTitle.model_validate_json(entry) for entry in store.waiting_titles.entries().values()]
    return _ordered(titles), store.waiting_titles.listed_at()


def _ordered(titles: list[WaitingTitle]) -> list[WaitingTitle]:
    return sorted(titles, key=lambda t: (not t.overdue, t.collect_before, t.number))


def days_left(title: WaitingTitle, today: date) -> int:
    """Days until the title must be collected (negative: overdue by that many)."""
    return (title.collect_before.astimezone().date() - today).days


def matches(title: WaitingTitle, text: str) -> bool:
    """Whether `text` (any case, accents or not) is in the title number or the holder's names."""
    wanted = _folded(text)
    if not wanted:
        return True
    names = title.holder
    haystack = [title.number] + ([names.surname, names.given_names, names.usage_name] if names else [])
    return any(wanted in _folded(h) for h in haystack)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())
