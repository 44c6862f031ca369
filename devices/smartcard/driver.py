"""The agent smart card interface the station programs against (log-in and signing of dossiers).

A card session runs from `connect()` to `disconnect()` (or the card's removal). The PIN unlocks signing for
that session only. The PIN is never logged, stored, or put in an error.
"""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.diagnosis import Diagnosis
from devices.smartcard.diagnose import diagnose_reader
from devices.smartcard.model import CardInfo
from devices.worker import assert_not_gui_thread


class SmartCardReader(Driver):
    kind = "smartcard"

    @abstractmethod
    def readers(self) -> list[str]:
        """Names of the card readers plugged in."""

    @abstractmethod
    def card_present(self) -> bool:
        """Whether a card sits in the reader (does not open a session)."""

    @abstractmethod
    def connect(self) -> CardInfo:
        """Open a card session; "card.absent" if no card is inserted."""

    @abstractmethod
    def verify_pin(self, pin: str) -> None:
        """Present the PIN.

        Errors: "card.pin_wrong" (details {"tries_left": n}), "card.pin_blocked", "card.absent",
        "card.pin_format" (not 4 to 8 digits; checked before the card so it costs no try).
        """

    @abstractmethod
    def read_certificate(self) -> bytes:
        """The card's X.509 certificate, DER."""

    @abstractmethod
    def sign(self, challenge: bytes) -> bytes:
        """DER ECDSA-SHA256 signature of `challenge` by the card key.

        Only after verify_pin() succeeded in the same card session, else "card.security_status".
        """

    @abstractmethod
    def disconnect(self) -> None:
        """End the card session (signing needs the PIN again afterwards)."""

    def diagnose(self) -> Diagnosis:
        assert_not_gui_thread()
        return diagnose_reader(self)
