"""The emulated agent card as a whole: its applications, and which one a SELECT made current.

The card carries two applications over one key, certificate and PIN: the PIV card edge (piv_card.py), which
OpenSC and any PKCS#11 middleware read, and the project's own application (agent_card.py), kept while the
station's PC/SC driver still speaks it. Selecting one deselects the other, as on a multi-application card.
"""

from __future__ import annotations

import threading

from hw_mocks.smartcard.agent_card import AgentCardApplet
from hw_mocks.smartcard.card_data import CardData
from hw_mocks.smartcard.piv_card import PivApplet
from hw_mocks.smartcard.status_words import SW_NOT_FOUND

_SELECT_BY_AID = (0xA4, 0x04)


class AgentCard:
    """`process()` answers one APDU from the current application; `reset()` is a power cycle."""

    def __init__(self, card: CardData) -> None:
        self.card = card
        self.applications = (AgentCardApplet(card), PivApplet(card))
        self._current = self.applications[0]
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            for application in self.applications:
                application.reset()
            self._current = self.applications[0]

    def process(self, raw: bytes) -> bytes:
        with self._lock:
            if len(raw) >= 4 and (raw[1], raw[2]) == _SELECT_BY_AID:
                return self._select(raw)
            return self._current.process(raw)

    def _select(self, raw: bytes) -> bytes:
        answer = SW_NOT_FOUND
        for application in self.applications:
            response = application.process(raw)  # an application not named deselects itself
            if response[-2:] == b"\x90\x00" or response[-2:-1] == b"\x61":
                self._current, answer = application, response
        return answer
