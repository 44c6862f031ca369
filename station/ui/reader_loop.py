"""The barcode reader read in a loop while a page is shown (envelope reception, hand-over): each code goes to
the page, a read that times out is re-armed, a reader fault is said once and retried a little later.

The read runs on the reader's worker (devices.worker), never on the GUI thread; a read still pending when the
page is left is let finish, and its code dropped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.barcode import Barcode

    from ..context import StationContext

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 5.0  # one read of the reader; re-armed until the page is left
RETRY_READER_MS = 3000  # after a reader fault, before reading again


class ReaderLoop:
    def __init__(self, ctx: StationContext, owner: QObject, on_code: Callable[[str], None],
                 on_fault: Callable[[str], None], event: str) -> None:
        self.ctx, self._owner = ctx, owner
        self._on_code, self._on_fault, self._event = on_code, on_fault, event
        self._active = False
        self._reading = False

    def start(self) -> None:
        self._active = True
        self._read_next()

    def stop(self) -> None:
        self._active = False

    def _read_next(self) -> None:
        if not self._active or self._reading:
            return
        self._reading = True
        self.ctx.calls.run(self.ctx.devices.barcode.call("read", READ_TIMEOUT_S), self._read, self._read_failed)

    def _read(self, code: Barcode) -> None:
        self._reading = False
        if self._active:
            self._on_code(code.text)
            self._read_next()

    def _read_failed(self, exc: BaseException) -> None:
        self._reading = False
        if not self._active:
            return
        if isinstance(exc, DeviceError) and exc.code == "barcode.timeout":  # nobody scanned: wait again
            self._read_next()
            return
        log.warning("barcode reader failed", extra={"event": self._event,
                                                    "code": getattr(exc, "code", type(exc).__name__)})
        self._on_fault(exc.message if isinstance(exc, DeviceError) else str(exc))
        QTimer.singleShot(RETRY_READER_MS, self._owner, self._read_next)
