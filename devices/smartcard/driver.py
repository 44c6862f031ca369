"""The agent smart card interface the station programs against (log-in and signing of dossiers).

A card session runs from `connect()` to `disconnect()` (or the card's removal). The PIN unlocks signing for
that session only. The PIN is never logged, stored, or put in an error.
"""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, PinState, ReaderStatus


class SmartCardReader(Driver):
    kind = "smartcard"

    @abstractmethod
    def readers(self) -> list[str]:
        """Names of the card readers plugged in."""

    @abstractmethod
    def status(self) -> ReaderStatus:
        """The chosen reader, whether a card sits in it, and its ATR; "card.no_reader" if none matches."""

    @abstractmethod
    def card_present(self) -> bool:
        """Whether a card sits in the reader (does not open a session)."""

    @abstractmethod
    def watch(self, callback: CardCallback) -> CardWatch:
        """Report insertions and removals to `callback(present, reader, atr)` from a thread of its own.

        May be called from any thread (it starts the watch and returns); `stop()` the result to end it.
        """

    @abstractmethod
    def token_description(self) -> dict[str, str]:
        """"module" (what reads the card) and "token" (what it says the card is), for the diagnosis."""

    @property
    @abstractmethod
    def connected(self) -> bool:
        """Whether a card session is open."""

    @abstractmethod
    def connect(self) -> CardInfo:
        """Open a card session and select the agent application.

        Errors: "card.no_reader", "card.absent", "card.unknown" (not an agent card), "card.busy",
        "card.timeout", "card.no_service" (pcscd not running).
        """

    @abstractmethod
    def verify_pin(self, pin: str) -> None:
        """Present the PIN.

        Errors: "card.pin_wrong" (details {"tries_left": n}), "card.pin_blocked", "card.removed",
        "card.pin_format" (not 4 to 8 digits; checked before the card so it costs no try).
        """

    @abstractmethod
    def pin_state(self) -> PinState:
        """Whether the PIN is verified in this session, and the tries left before it blocks, asked without
        spending one."""

    @abstractmethod
    def read_certificate(self) -> bytes:
        """The card's X.509 certificate, DER."""

    @abstractmethod
    def sign(self, challenge: bytes, pin: str | None = None) -> bytes:
        """DER ECDSA-SHA256 signature of `challenge` by the card key (the card signs SHA-256(challenge)).

        Only after verify_pin() succeeded in the same card session, else "card.security_status". A key
        the card unlocks for one signature at a time needs `pin` too: "card.pin_again" without it.
        """

    @abstractmethod
    def disconnect(self) -> None:
        """End the card session (signing needs the PIN again afterwards)."""
