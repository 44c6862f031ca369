"""pyscard's PC/SC calls for the reader's state, wrapped: one PC/SC context, errors turned into DeviceError.

The card itself is reached through its PKCS#11 module (pkcs11_reader.py), which opens PC/SC on its own;
this context only lists the readers and asks whether a card sits in one (SCardGetStatusChange with no wait,
which never touches the card). Only this module and observer.py call `smartcard.scard`. Every PC/SC return
code the station can meet is mapped in `pcsc_error()`, once.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from smartcard import scard

from devices.errors import DeviceError
from devices.smartcard.card_errors import error

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

    def __init__(self) -> None:
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

    def release(self) -> None:
        context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def _drop_if_dead(self, hresult: int) -> None:
        # After pcscd restarts, the old context is invalid for good: the next call must open a new one.
        if hresult in _NO_SERVICE or hresult == scard.SCARD_E_INVALID_HANDLE:
            self._context = None
