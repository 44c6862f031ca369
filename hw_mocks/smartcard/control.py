"""The agent card, played through the real PC/SC stack: the hw-mocks side of the "smartcard" device.

The station no longer talks to hw-mocks about cards: its driver speaks PC/SC to pcscd, whose vpcd virtual
reader carries the APDUs to the card emulated here (vpcd_card.py, piv_card.py beside this module). What
remains on the simulated device link are the gestures of the person at the counter: insert a card, remove
it, list the cards, and break the next APDU (tests).

Cards come from the test PKI (`<pki>/agents/NAME.pem`, `NAME.key`, `cards.json`). A card's PIN try counter
lives as long as this process: a card blocked by wrong PINs stays blocked until hw-mocks restarts.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from hw_mocks.protocol import OpHandler, SimError, arg
from hw_mocks.smartcard import foreign_card
from hw_mocks.smartcard.card_data import CardData, load_cards
from hw_mocks.smartcard.foreign_card import ForeignApplet
from hw_mocks.smartcard.pcscd import DEFAULT_VPCD_PORT
from hw_mocks.smartcard.piv_card import PivApplet
from hw_mocks.smartcard.vpcd_card import ApduFault, VpcdCard

FAULTS = ("hang", "status", "garbage", "clear")


class SmartCardSim:
    name = "smartcard"

    def __init__(self, pki_dir: Path | None, vpcd_port: int = DEFAULT_VPCD_PORT) -> None:
        self.cards: dict[str, CardData] = load_cards(pki_dir)
        if self.cards:  # and a card that is no agent card, with a key and certificate nobody reads
            self.cards[foreign_card.NAME] = next(iter(self.cards.values()))
        self.vpcd_port = vpcd_port
        self._lock = threading.Lock()
        self._inserted: VpcdCard | None = None
        self._slot_free_at = 0.0  # a card put in earlier waits: see vpcd_card.SLOT_EMPTY_S

    def ops(self) -> dict[str, OpHandler]:
        return {}  # the station's driver goes through pcscd, not through this link

    def control_ops(self) -> dict[str, OpHandler]:
        return {"insert": self.insert, "remove": self.remove, "cards": self.list_cards, "fault": self.fault}

    @property
    def inserted(self) -> str | None:
        card = self._inserted
        return card.name if card else None

    def insert(self, args: dict[str, Any]) -> dict[str, Any]:
        """Put card `name` in the reader (taking out the one inserted, if any); `wait_s` waits for vpcd."""
        name = arg(args, "name", str)
        wait_s = min(max(arg(args, "wait_s", float, 0.0), 0.0), 30.0)
        if name not in self.cards:
            raise SimError("card.unknown", f"no card {name!r}; known: {sorted(self.cards)}",
                           {"known": sorted(self.cards)})
        with self._lock:
            if self._inserted is not None:
                self._take_out(self._inserted)
            data = self.cards[name]
            applet = ForeignApplet(data) if name == foreign_card.NAME else PivApplet(data)
            card = VpcdCard(applet, self.vpcd_port, not_before=self._slot_free_at, name=name)
            self._inserted = card
            card.insert()
        connected = card.wait_connected(wait_s) if wait_s else card.connected
        return {"inserted": name, "connected": connected, "vpcd_port": self.vpcd_port}

    def remove(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            card, self._inserted = self._inserted, None
            if card is not None:
                self._take_out(card)
        return {"removed": card.name if card else None}

    def _take_out(self, card: VpcdCard) -> None:
        card.remove()
        self._slot_free_at = max(self._slot_free_at, card.slot_free_at)

    def list_cards(self, args: dict[str, Any]) -> dict[str, Any]:
        card = self._inserted
        return {"cards": sorted(self.cards), "inserted": card.name if card else None,
                "connected": bool(card and card.connected), "vpcd_port": self.vpcd_port}

    def fault(self, args: dict[str, Any]) -> dict[str, Any]:
        kind = arg(args, "fault", str)
        if kind not in FAULTS:
            raise SimError("link.bad_args", f"fault must be one of {FAULTS}")
        card = self._inserted
        if card is None:
            raise SimError("card.absent", "no card in the reader")
        if kind == "clear":
            card.inject(None)
            return {}
        card.inject(ApduFault(kind, seconds=arg(args, "seconds", float, 30.0), sw=arg(args, "sw", int, 0x6F00),
                              count=max(1, arg(args, "count", int, 1))))
        return {}

    def close(self) -> None:
        self.remove({})
