"""Card insertion and removal events from pcscd, on a thread of their own (no Qt here).

A thread blocks in SCardGetStatusChange on the watched readers plus pcsc-lite's "\\\\?PnP?\\Notification"
pseudo-reader (which changes when a reader is plugged or unplugged), so an event reaches the callback
within pcscd's own polling time (a few hundred ms), without polling the card. `stop()` wakes it with
SCardCancel. The watch uses its own PC/SC context: contexts must not be shared between threads that may
block, and the driver's context belongs to the device worker.

The callback runs on the watch's thread: in the station it must hand over to Qt (a queued signal).
A card already inserted when the watch starts is reported once as an insertion.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from smartcard import scard

from devices.smartcard.model import CardCallback

log = logging.getLogger(__name__)

PNP = "\\\\?PnP?\\Notification"
WAIT_MS = 1000  # upper bound between two looks at the reader list, should PnP notification be missing
RETRY_S = 1.0  # pcscd unreachable: try again this often


class CardObserver:
    def __init__(self, reader_filter: str = "") -> None:
        self.reader_filter = reader_filter
        self._stop = threading.Event()
        self._context: Any = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self, callback: CardCallback) -> CardObserver:
        self._thread = threading.Thread(target=self._run, args=(callback,), name="card-observer", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the observer's thread --------------------------------------------------------------------------

    def _run(self, callback: CardCallback) -> None:
        present: dict[str, bool] = {}
        while not self._stop.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._stop.wait(RETRY_S)
                continue
            with self._lock:
                self._context = context
            try:
                self._watch(context, present, callback)
            finally:
                with self._lock:
                    self._context = None
                scard.SCardReleaseContext(context)
            if not self._stop.is_set():
                self._stop.wait(RETRY_S)
        log.debug("card observer stopped")

    def _watch(self, context: Any, present: dict[str, bool], callback: CardCallback) -> None:
        """Wait for changes until stopped or pcscd goes away (then the caller reconnects)."""
        states: dict[str, int] = {PNP: scard.SCARD_STATE_UNAWARE}
        while not self._stop.is_set():
            hresult, names = scard.SCardListReaders(context, [])
            names = [n for n in (names if hresult == scard.SCARD_S_SUCCESS else [])
                     if self.reader_filter in n]
            for gone in set(present) - set(names):  # reader unplugged with its card
                if present.pop(gone):
                    self._emit(callback, False, gone, b"")
            for name in names:
                states.setdefault(name, scard.SCARD_STATE_UNAWARE)
            for name in set(states) - set(names) - {PNP}:
                del states[name]
            hresult, result = scard.SCardGetStatusChange(context, WAIT_MS, list(states.items()))
            if hresult == scard.SCARD_E_TIMEOUT:
                continue
            if hresult == scard.SCARD_E_CANCELLED or self._stop.is_set():
                return
            if hresult != scard.SCARD_S_SUCCESS:
                if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
                    continue  # a reader vanished between the list and the wait: list again
                log.info("card observer: PC/SC 0x%08X, reconnecting", hresult & 0xFFFFFFFF)
                return
            for name, event, atr in result:
                # Keep the counter and state bits, drop CHANGED: it is "changed since what you told me".
                states[name] = event & ~scard.SCARD_STATE_CHANGED
                if name == PNP:
                    continue
                is_present = bool(event & scard.SCARD_STATE_PRESENT)
                if present.get(name, False) != is_present:
                    present[name] = is_present
                    self._emit(callback, is_present, name, bytes(atr) if is_present else b"")

    @staticmethod
    def _emit(callback: CardCallback, is_present: bool, reader: str, atr: bytes) -> None:
        try:
            callback(is_present, reader, atr.hex().upper())
        except Exception:  # a faulty listener must not stop the watch
            log.exception("card observer callback failed")
