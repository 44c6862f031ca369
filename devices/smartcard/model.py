"""Data the agent card reader yields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CardInfo:
    reader: str  # PC/SC reader name
    atr: str  # answer-to-reset, upper-case hex without separators


@dataclass(frozen=True)
class ReaderStatus:
    """What the reader says without opening a card session (no PIN state is touched)."""

    reader: str  # the reader the driver uses
    present: bool
    atr: str  # upper-case hex; empty when no card


@dataclass(frozen=True)
class PinState:
    """The PIN as the card tells it without a PIN being presented (no try is spent)."""

    verified: bool  # presented in this card session
    tries_left: int | None  # 0: blocked; None: the card does not say (PKCS#11 flags only the last try)

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0


# Called from the watch's own thread (never the GUI thread): (card present, reader name, ATR hex).
CardCallback = Callable[[bool, str, str], None]


class CardWatch(Protocol):
    """A running watch of card insertions and removals; `stop()` ends it (idempotent)."""

    def stop(self) -> None: ...
