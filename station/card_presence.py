"""Watches the agent card reader and tells the window when the card comes and goes.

Polling `card_present()` on the smart-card worker every quarter second keeps removal detection well under
the one second the lock must take, costs one SCardGetStatusChange per poll, and never touches the GUI
thread; a poll is skipped while the previous one (or a PIN check) still occupies the worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from .device_calls import Calls

POLL_MS = 250


class CardPresence(QObject):
    inserted = Signal()
    removed = Signal()
    failed = Signal(object)  # the DeviceError of the reader (absent reader, daemon down)
    recovered = Signal()  # the reader answers again after a failure

    def __init__(self, calls: Calls, smartcard_handle) -> None:
        super().__init__()
        self._calls = calls
        self._handle = smartcard_handle
        self._busy = False
        self.present: bool | None = None  # unknown until the first answer
        self.reader_ok = True
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

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
        if present == self.present:
            return
        self.present = present
        (self.inserted if present else self.removed).emit()

    def _error(self, error: BaseException) -> None:
        self._busy = False
        self.reader_ok = False
        if self.present is not False:
            self.present = False
            self.removed.emit()
        self.failed.emit(error)
