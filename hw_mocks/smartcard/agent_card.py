"""The agent card application, emulated: ISO 7816-4 APDUs in, responses out (spec: docs/agent-card.md).

This is the card's side only; hw_mocks/smartcard/vpcd_card.py carries the bytes to and from pcscd. The card holds a
key and certificate from the test PKI and a PIN with a try counter. It judges nothing about its
certificate (expired, revoked, foreign...): the station does, as it must with a real card.
"""

from __future__ import annotations

import hmac
import threading

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from hw_mocks.smartcard.apdu import Apdu, parse
from hw_mocks.smartcard.card_data import ATR, DEFAULT_PIN, DEFAULT_TRIES, CardData, load_cards
from hw_mocks.smartcard.status_words import (
    SW_BLOCKED,
    SW_CLA,
    SW_CONDITIONS,
    SW_INS,
    SW_NOT_FOUND,
    SW_OFFSET,
    SW_OK,
    SW_SECURITY,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
)

__all__ = ["AID", "ATR", "DEFAULT_PIN", "DEFAULT_TRIES", "AgentCardApplet", "CardData", "load_cards", "pin_block"]

AID = bytes.fromhex("F0 52 45 43 55 45 49 4C 01")  # F0 + "RECUEIL" + version 01
CERT_EF = b"\xc0\x01"
PIN_LENGTH = 8  # the PIN block: ASCII digits padded with FF
MAX_READ = 0xF0


def pin_block(pin: str) -> bytes:
    return pin.encode("ascii").ljust(PIN_LENGTH, b"\xff")


class AgentCardApplet:
    """One card's application state; `process()` answers one APDU. Thread-safe (the CLI may read state)."""

    def __init__(self, card: CardData) -> None:
        self.card = card
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Power off, power on or reset: a real card forgets its selection and its PIN state."""
        self._selected = False
        self._ef_selected = False
        self._verified = False

    def process(self, raw: bytes) -> bytes:
        apdu = parse(raw)
        if apdu is None:
            return SW_WRONG_LENGTH
        if apdu.cla != 0x00:
            return SW_CLA
        handlers = {0xA4: self._select, 0x20: self._verify, 0xB0: self._read_binary, 0x2A: self._pso}
        handler = handlers.get(apdu.ins)
        if handler is None:
            return SW_INS
        with self._lock:
            if apdu.ins != 0xA4 and not self._selected:
                return SW_CONDITIONS  # only SELECT works before the application is selected
            return handler(apdu)

    # -- commands (lock held) --------------------------------------------------------------------------

    def _select(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) == (0x04, 0x00):  # by AID
            self._ef_selected = False
            if apdu.data != AID:
                self._selected = False
                return SW_NOT_FOUND
            self._selected = True
            return SW_OK
        if (apdu.p1, apdu.p2) == (0x02, 0x0C):  # EF by id under the application, no FCI returned
            if not self._selected:
                return SW_CONDITIONS
            if len(apdu.data) != 2:
                return SW_WRONG_LENGTH
            self._ef_selected = apdu.data == CERT_EF
            return SW_OK if self._ef_selected else SW_NOT_FOUND
        return SW_WRONG_P1P2

    def _verify(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x00, 0x81):
            return SW_WRONG_P1P2
        card = self.card
        if not apdu.data:  # status query: how many tries are left, or 9000 if verified already
            if self._verified:
                return SW_OK
            return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])
        if len(apdu.data) != PIN_LENGTH:
            return SW_WRONG_LENGTH
        if card.tries_left <= 0:
            return SW_BLOCKED
        if hmac.compare_digest(apdu.data, pin_block(card.pin)):
            card.tries_left = card.max_tries
            self._verified = True
            return SW_OK
        card.tries_left -= 1
        self._verified = False
        return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])

    def _read_binary(self, apdu: Apdu) -> bytes:
        if apdu.p1 & 0x80:
            return SW_WRONG_P1P2  # short-EF-id addressing is not supported
        if not self._ef_selected:
            return SW_CONDITIONS
        if apdu.le is None:
            return SW_WRONG_LENGTH
        offset = (apdu.p1 << 8) | apdu.p2
        content = self.card.certificate_der
        if offset >= len(content):
            return SW_OFFSET
        want = 256 if apdu.le == 0 else apdu.le
        # A short last chunk is answered with 9000 and fewer bytes (documented in docs/agent-card.md).
        return content[offset : offset + min(want, MAX_READ)] + SW_OK

    def _pso(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x9E, 0x9A):
            return SW_WRONG_P1P2
        if len(apdu.data) != 32:
            return SW_WRONG_LENGTH
        if not self._verified:
            return SW_SECURITY
        signature = self.card.key.sign(apdu.data, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return signature + SW_OK
