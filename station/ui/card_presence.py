"""Watches the agent card reader and tells the window when the card comes and goes.

Events come from the driver's observer (pcscd's SCardGetStatusChange on a thread of its own), so a removal
reaches the window within pcscd's polling time, well under the one second the lock must take. A slow poll
of `card_present()` on the smart-card worker runs beside it: it reports the reader's failures (unplugged,
pcscd down) that the observer only waits out, and it would catch an event the observer missed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from devices.errors import DeviceError

from .device_calls import Calls

log = logging.getLogger(__name__)

POLL_MS = 1000


class CardPresence(QObject):
    inserted = Signal()
    removed = Signal()
    failed = Signal(object)  # the DeviceError of the reader (absent reader, daemon down)
    recovered = Signal()  # the reader answers again after a failure
    _observed = Signal(bool)  # from the observer's thread; queued to this object's (the GUI) thread

    def __init__(self, calls: Calls, smartcard_handle) -> None:
        super().__init__()
        self._calls = calls
        self._handle = smartcard_handle
        self._busy = False
        self._watch = None
        self.present: bool | None = None  # unknown until the first answer
        self.reader_ok = True
        self._observed.connect(self._apply)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        try:
            self._watch = self._handle.driver.watch(lambda present, _reader, _atr: self._observed.emit(present))
        except DeviceError as exc:  # no observer: the poll alone still works, only slower
            log.warning("card observer unavailable", extra={"event": "card.observer_failed", "code": exc.code})
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()
        if self._watch is not None:
            self._watch.stop()
            self._watch = None

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._calls.run(self._handle.call("card_present"), self._answer, self._error)

    def _answer(self, present: bool) -> None:
        self._busy = False
        if not self.reader_ok:
            self.reader_ok = True
            self.recovered.emit()
        self._apply(present)

    @Slot(bool)
    def _apply(self, present: bool) -> None:
        if present == self.present:
            return
        self.present = present
        (self.inserted if present else self.removed).emit()

    def _error(self, error: BaseException) -> None:
        self._busy = False
        self.reader_ok = False
        self._apply(False)
        self.failed.emit(error)
