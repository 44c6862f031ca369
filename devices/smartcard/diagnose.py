"""Agent card reader self-check.

It does not open a card session: that would reset the session of an agent who is logged in. A missing card
is reported but is not a failure (the reader works; nobody has inserted a card yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.smartcard.driver import SmartCardReader


def diagnose_reader(reader: SmartCardReader) -> Diagnosis:
    def readers() -> str:
        names = reader.readers()
        if not names:
            raise DeviceError("card.no_reader", strings.message("card.no_reader"))
        return strings.check("smartcard.readers", count=len(names))

    def card() -> str:
        return strings.check("smartcard.card" if reader.card_present() else "smartcard.no_card")

    return run_steps(reader.kind, reader.implementation, [("readers", readers), ("card", card)])
