"""The agent card reader over PC/SC (pcscd, through pyscard): the driver used with a real reader.

The demo and the tests use it too: their card is an emulator plugged into pcscd through vsmartcard's
virtual reader (hw-mocks), so the code tested is the code run at the counter. The card application it
talks to is specified in docs/agent-card.md.

Reader choice: the first reader whose name contains `DeviceSettings.smartcard_reader`, else the first
reader. A card session is one exclusive PC/SC connection; `disconnect()` resets the card so the PIN is
needed again.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from typing import Any

from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.smartcard import protocol as apdu
from devices.smartcard.context import PcscContext
from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, PinState, ReaderStatus
from devices.smartcard.observer import CardObserver
from devices.smartcard.protocol import Command, error
from devices.worker import assert_not_gui_thread

log = logging.getLogger(__name__)

_PIN = re.compile(r"[0-9]{4,8}")
REMOVAL_GRACE_S = 1.0  # pcscd polls card presence every 0.4 s


class PcscSmartCardReader(SmartCardReader):
    implementation = "pcsc"

    def __init__(self, reader_filter: str = "", timeout_s: float = 5.0) -> None:
        self.reader_filter = reader_filter
        self._pcsc = PcscContext(timeout_s)
        self._card: Any = None  # PC/SC card handle of the open session
        self._protocol = 0
        self._info: CardInfo | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> PcscSmartCardReader:
        return cls(settings.smartcard_reader, settings.link_timeout_s)

    def __repr__(self) -> str:
        return f"PcscSmartCardReader(filter={self.reader_filter!r}, connected={self.connected})"

    # -- reader ----------------------------------------------------------------------------------------

    def readers(self) -> list[str]:
        assert_not_gui_thread()
        return self._pcsc.readers()

    def status(self) -> ReaderStatus:
        assert_not_gui_thread()
        reader = self._reader()
        present, atr = self._pcsc.reader_state(reader)
        return ReaderStatus(reader, present, atr.hex().upper())

    def card_present(self) -> bool:
        return self.status().present

    def watch(self, callback: CardCallback) -> CardWatch:
        # Not device I/O on the worker: the observer owns its thread and its PC/SC context.
        return CardObserver(self.reader_filter).start(callback)

    # -- card session ----------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._card is not None

    def connect(self) -> CardInfo:
        assert_not_gui_thread()
        self.disconnect()
        reader = self._reader()
        self._card, self._protocol = self._pcsc.connect(reader)
        try:
            self._info = CardInfo(reader, self._atr(reader))
            self._send(apdu.select_application())
        except DeviceError:
            self.disconnect()
            raise
        log.info("card session opened on %s", reader)
        return self._info

    def verify_pin(self, pin: str) -> None:
        assert_not_gui_thread()
        if not isinstance(pin, str) or not _PIN.fullmatch(pin):
            # Checked here so a malformed PIN never costs the agent a try.
            raise error("card.pin_format")
        self._send(apdu.verify_pin(pin))

    def pin_state(self) -> PinState:
        assert_not_gui_thread()
        command = apdu.pin_status()
        response = self._transmit(command)
        if response.ok:
            return PinState(verified=True, tries_left=None)  # the card does not count tries then
        tries = apdu.tries_left(response.sw)
        if tries is None:
            apdu.check(response, command)  # raises the error this status word means
            raise error("card.protocol", sw=response.sw_hex)
        return PinState(verified=False, tries_left=tries)

    def read_certificate(self) -> bytes:
        assert_not_gui_thread()
        self._send(apdu.select_certificate())
        content = b""
        while len(content) < apdu.MAX_CERTIFICATE:
            command = apdu.read_binary(len(content))
            response = self._transmit(command)
            if response.sw == 0x6B00 and content:
                break  # the file ended exactly on a chunk boundary
            chunk = apdu.check(response, command).data
            content += chunk
            if len(chunk) < apdu.READ_CHUNK:
                break  # a short chunk is the last one (docs/agent-card.md)
        else:
            raise error("card.protocol", sw="—")
        if not content:
            raise error("card.protocol", sw="—")
        return content

    def sign(self, challenge: bytes) -> bytes:
        assert_not_gui_thread()
        digest = hashlib.sha256(challenge).digest()
        signature = self._send(apdu.sign_digest(digest)).data
        if not signature:
            raise error("card.protocol", sw="9000")
        return signature

    def disconnect(self) -> None:
        assert_not_gui_thread()
        card, self._card, self._info = self._card, None, None
        if card is not None:
            self._pcsc.disconnect(card)

    def close(self) -> None:
        if self._card is not None:
            card, self._card, self._info = self._card, None, None
            self._pcsc.disconnect(card)
        self._pcsc.release()

    # -- internals -------------------------------------------------------------------------------------

    def _reader(self) -> str:
        names = self._pcsc.readers()
        for name in names:
            if self.reader_filter in name:
                return name
        raise error("card.no_reader")

    def _atr(self, reader: str) -> str:
        _, atr = self._pcsc.reader_state(reader)
        return atr.hex().upper()

    def _transmit(self, command: Command) -> apdu.Response:
        if self._card is None:
            raise error("card.not_connected")
        try:
            raw = self._pcsc.transmit(self._card, self._protocol, command.raw)
        except DeviceError as exc:
            if exc.code in ("card.removed", "card.timeout", "card.not_connected", "card.no_service"):
                # The session is over: free the handle (a no-op once the context was abandoned).
                card, self._card, self._info = self._card, None, None
                self._pcsc.disconnect(card)
            raise
        if len(raw) < 2 and self._card_pulled_out():
            raise error("card.removed")
        response = apdu.parse_response(raw)
        log.debug("card %s -> %s", command.name, response.sw_hex)  # the command name only, never its data
        return response

    def _card_pulled_out(self) -> bool:
        """After an empty response: was the card pulled out mid-command? (vpcd, and some readers, answer
        "success, no bytes" then.) pcscd notices a removal within its polling period, so look a little while.
        """
        reader = self._info.reader if self._info else ""
        deadline = time.monotonic() + REMOVAL_GRACE_S
        while reader and time.monotonic() < deadline:
            try:
                present, _ = self._pcsc.reader_state(reader)
            except DeviceError:
                break
            if not present:
                card, self._card, self._info = self._card, None, None
                self._pcsc.disconnect(card)
                return True
            time.sleep(0.05)
        return False

    def _send(self, command: Command) -> apdu.Response:
        return apdu.check(self._transmit(command), command)
