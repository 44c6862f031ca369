"""A smart card that is not an agent card (a bank card, a health card): it has no PIV application, and
answers every command with "not found" or "not supported", as such a card does to a middleware probing it."""

from __future__ import annotations

from hw_mocks.smartcard.apdu import parse
from hw_mocks.smartcard.card_data import CardData
from hw_mocks.smartcard.status_words import SW_INS, SW_NOT_FOUND, SW_WRONG_LENGTH

NAME = "bank-card"


class ForeignApplet:
    def __init__(self, card: CardData) -> None:
        self.card = card

    def reset(self) -> None:
        pass

    def process(self, raw: bytes) -> bytes:
        apdu = parse(raw)
        if apdu is None:
            return SW_WRONG_LENGTH
        return SW_NOT_FOUND if apdu.ins in (0xA4, 0xCB, 0xCA, 0xB0) else SW_INS
