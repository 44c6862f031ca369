"""The keyboard-wedge reader: codes typed by a USB HID reader, caught by the window, read like any reader.

The window's event filter (station/ui/wedge_filter.py) tells scans from typing (devices/barcode/wedge.py)
and hands each scan to `deliver`, a plain thread-safe callback; `read()` waits on the worker for the next
one, so the steps call `devices.barcode.call("read", ...)` whichever reader is plugged in. Like the other
readers, a code scanned before anyone asked waits in a small buffer for the next read, but not for long:
the agent who scans an envelope on a page that is not reading means that envelope now, and it must not
turn up minutes later as the answer to another step's read.
"""

from __future__ import annotations

import collections
import threading
import time

from devices import strings
from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.barcode.wedge import WedgeSettings
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

BUFFER = 16
STALE_AFTER_S = 15.0  # a code nobody read within this is dropped
# A keyboard says nothing of the symbology it read: the codes are told apart by their content.
SYMBOLOGY = "KEYBOARD"


class WedgeBarcodeReader(BarcodeReader):
    implementation = "wedge"

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._codes: collections.deque[tuple[float, str]] = collections.deque(maxlen=BUFFER)
        self._cond = threading.Condition()
        self._capturing = False

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> WedgeBarcodeReader:
        return cls(WedgeSettings(prefix=settings.barcode_prefix, suffix=settings.barcode_suffix,
                                 max_gap_ms=settings.barcode_max_gap_ms))

    def capture_started(self) -> None:
        """The window now catches the reader's keys (any thread)."""
        with self._cond:
            self._capturing = True

    @property
    def capturing(self) -> bool:
        with self._cond:
            return self._capturing

    def deliver(self, text: str) -> None:
        """One code the window caught; safe from any thread (the GUI thread calls it)."""
        with self._cond:
            self._codes.append((time.monotonic(), text))
            self._cond.notify_all()

    def read(self, timeout_s: float = 10.0) -> Barcode:
        assert_not_gui_thread()
        deadline = time.monotonic() + max(timeout_s, 0.0)
        with self._cond:
            while self._codes and time.monotonic() - self._codes[0][0] > STALE_AFTER_S:
                self._codes.popleft()
            while not self._codes:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise DeviceError("barcode.timeout", strings.message("barcode.timeout"))
                self._cond.wait(remaining)
            return Barcode(symbology=SYMBOLOGY, text=self._codes.popleft()[1])

    def ping(self) -> None:
        """A keyboard cannot be asked anything: the reader is there if the window catches its keys."""
        assert_not_gui_thread()
        if not self.capturing:
            raise DeviceError("barcode.wedge_not_captured", strings.message("barcode.wedge_not_captured"))
