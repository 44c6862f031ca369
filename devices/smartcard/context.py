"""pyscard's PC/SC calls, wrapped: one PC/SC context, errors turned into DeviceError, a deadline on I/O.

Only this module and observer.py call `smartcard.scard`. Every PC/SC return code the station can meet is
mapped in `pcsc_error()`, once.

Why a helper thread for card I/O: SCardConnect and SCardTransmit block inside libpcsclite until pcscd
answers, with no timeout of their own, and a card or reader that hangs would hold the device worker
forever. So each such call runs on a short-lived daemon thread and the worker waits at most `timeout_s`.
On expiry the worker gets "card.timeout" at once and the context is *abandoned*, not released: libpcsclite
serialises calls per context, so releasing it from the worker would block behind the stuck call. The
helper thread releases it itself if pcscd ever answers (a removed card makes vpcd or the reader driver
answer). The next call opens a fresh context.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from smartcard import scard

from devices.errors import DeviceError
from devices.smartcard.protocol import error

log = logging.getLogger(__name__)

T = TypeVar("T")

_ABSENT = {scard.SCARD_E_NO_SMARTCARD}
_REMOVED = {scard.SCARD_W_REMOVED_CARD}
_NO_READER = {scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE}
_NO_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_RESET = {scard.SCARD_W_RESET_CARD, scard.SCARD_E_INVALID_HANDLE}
_MUTE = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_E_PROTO_MISMATCH,
         scard.SCARD_W_UNSUPPORTED_CARD}


def pcsc_error(hresult: int, *, in_session: bool = False) -> DeviceError:
    """The DeviceError for a failed PC/SC call. `in_session`: a card was connected (removal, not absence)."""
    if hresult in _REMOVED or (in_session and hresult in _ABSENT):
        return error("card.removed")
    if hresult in _ABSENT:
        return error("card.absent")
    if hresult in _NO_READER:
        return error("card.no_reader")
    if hresult in _NO_SERVICE:
        return error("card.no_service")
    if hresult in _RESET:
        return error("card.not_connected")
    if hresult == scard.SCARD_E_SHARING_VIOLATION:
        return error("card.busy")
    if hresult in _MUTE:
        return error("card.unresponsive")
    if hresult == scard.SCARD_E_TIMEOUT:
        return error("card.timeout")
    return error("card.pcsc_error", code=f"0x{hresult & 0xFFFFFFFF:08X}")


class PcscContext:
    """A PC/SC context, established on first use and re-established after the daemon went away."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._context: Any = None

    def handle(self) -> Any:
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                raise pcsc_error(hresult)
            self._context = context
        return self._context

    def readers(self) -> list[str]:
        hresult, names = scard.SCardListReaders(self.handle(), [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            self._drop_if_dead(hresult)
            raise pcsc_error(hresult)
        return list(names)

    def reader_state(self, reader: str) -> tuple[bool, bytes]:
        """(card present, ATR) of `reader`, without waiting and without touching the card."""
        hresult, states = scard.SCardGetStatusChange(self.handle(), 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if hresult != scard.SCARD_S_SUCCESS:
            self._drop_if_dead(hresult)
            raise pcsc_error(hresult)
        _, event, atr = states[0]
        present = bool(event & scard.SCARD_STATE_PRESENT)
        return present, bytes(atr) if present else b""

    def connect(self, reader: str) -> tuple[Any, int]:
        """(card handle, protocol). Exclusive: no other program may use the card while the PIN is verified."""
        context = self.handle()
        hresult, card, protocol = self.guarded(lambda: scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_EXCLUSIVE, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1))
        if hresult != scard.SCARD_S_SUCCESS:
            self._drop_if_dead(hresult)
            raise pcsc_error(hresult)
        return card, protocol

    def transmit(self, card: Any, protocol: int, apdu: bytes) -> bytes:
        hresult, response = self.guarded(lambda: scard.SCardTransmit(card, protocol, list(apdu)))
        if hresult != scard.SCARD_S_SUCCESS:
            self._drop_if_dead(hresult)
            raise pcsc_error(hresult, in_session=True)
        return bytes(response)

    def disconnect(self, card: Any) -> None:
        """End the session with a card reset, so the PIN must be presented again by whoever comes next."""
        if self._context is None:
            return  # abandoned after a timeout: the helper thread cleans up
        # A card pulled out as it is reset: pcscd frees the handle all the same and answers success (or
        # "removed"); the card, out of the reader, has lost its session anyway. Nothing is left to undo.
        hresult = scard.SCardDisconnect(card, scard.SCARD_RESET_CARD)
        if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_INVALID_HANDLE, scard.SCARD_W_REMOVED_CARD,
                           scard.SCARD_E_NO_SMARTCARD):
            log.info("card disconnect: 0x%08X", hresult & 0xFFFFFFFF)

    def release(self) -> None:
        context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def guarded(self, call: Callable[[], T]) -> T:
        """Run a blocking PC/SC call with the deadline described at the top of this module."""
        box: dict[str, Any] = {}
        finished = threading.Event()
        lock = threading.Lock()  # orders "the call finished" against "the worker gave up"
        context = self._context

        def run() -> None:
            try:
                box["result"] = call()
            except BaseException as exc:  # noqa: BLE001 - handed back to the waiting worker
                box["error"] = exc
            with lock:
                finished.set()
                release = box.get("abandoned", False)
            if release and context is not None:
                scard.SCardReleaseContext(context)  # the worker gave up on it: free pcscd's resources

        threading.Thread(target=run, name="pcsc-call", daemon=True).start()
        if not finished.wait(self.timeout_s):
            with lock:
                if not finished.is_set():
                    box["abandoned"] = True
            if box.get("abandoned"):
                self._context = None
                log.warning("PC/SC call unanswered after %.1f s: context abandoned", self.timeout_s)
                raise error("card.timeout")
        if "error" in box:
            raise box["error"]
        return box["result"]

    def _drop_if_dead(self, hresult: int) -> None:
        # After pcscd restarts, the old context is invalid for good: the next call must open a new one.
        if hresult in _NO_SERVICE or hresult == scard.SCARD_E_INVALID_HANDLE:
            self._context = None
