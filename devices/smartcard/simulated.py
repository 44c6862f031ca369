"""The agent card reader served by hw-mocks (cards loaded from the test PKI)."""

from __future__ import annotations

import base64
import re

from devices import strings
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.simlink import SimLink, decode_b64, field, link_for
from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardInfo
from devices.worker import assert_not_gui_thread

_PIN = re.compile(r"[0-9]{4,8}")


class SimulatedSmartCardReader(SmartCardReader):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link
        # The simulator numbers card sessions; a stale number means the card was reset or swapped.
        self._session: int | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedSmartCardReader:
        return cls(link_for(settings, cls.kind))

    def readers(self) -> list[str]:
        assert_not_gui_thread()
        names = field(self._link.call("readers"), "readers", list, self.kind)
        return [n for n in names if isinstance(n, str)]

    def card_present(self) -> bool:
        assert_not_gui_thread()
        return field(self._link.call("status"), "present", bool, self.kind)

    def connect(self) -> CardInfo:
        assert_not_gui_thread()
        r = self._link.call("connect")
        self._session = field(r, "session", int, self.kind)
        atr = field(r, "atr", str, self.kind).upper()
        return CardInfo(reader=field(r, "reader", str, self.kind), atr=atr)

    def verify_pin(self, pin: str) -> None:
        assert_not_gui_thread()
        if not isinstance(pin, str) or not _PIN.fullmatch(pin):
            # Checked here so a malformed PIN never costs the agent a try.
            raise DeviceError("card.pin_format", strings.message("card.pin_format"))
        self._link.call("verify_pin", {"session": self._session, "pin": pin})

    def read_certificate(self) -> bytes:
        assert_not_gui_thread()
        r = self._link.call("read_certificate", {"session": self._session})
        return decode_b64(r.get("der"), self.kind)

    def sign(self, challenge: bytes) -> bytes:
        assert_not_gui_thread()
        args = {"session": self._session, "challenge": base64.b64encode(challenge).decode("ascii")}
        return decode_b64(self._link.call("sign", args).get("signature"), self.kind)

    def disconnect(self) -> None:
        assert_not_gui_thread()
        session, self._session = self._session, None
        if session is not None:
            self._link.call("disconnect", {"session": session})

    def close(self) -> None:
        self._session = None
        self._link.close()
