"""A barcode reader on a serial line (USB CDC-ACM or RS-232), read through pyserial.

Such a reader sends each code as bytes followed by its suffix (a carriage return by default; the prefix and
suffix are set on the reader and in the station's configuration alike). The port is opened on first use and
kept open, so a code scanned between two reads waits in the line's buffer for the next one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from devices import strings
from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

# The line says nothing of the symbology: the codes are told apart by their content.
SYMBOLOGY = "SERIAL"
MAX_PENDING = 64 * 1024  # bytes without a suffix: a wrong suffix setting, not a code; dropped


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # an 8-bit reader: every byte is a character


class SerialBarcodeReader(BarcodeReader):
    implementation = "serial"

    def __init__(self, port: str, baudrate: int = 9600, prefix: str = "", suffix: str = "\r",
                 open_port: Callable[..., Any] | None = None) -> None:
        self.port, self.baudrate = port, baudrate
        self._prefix, self._suffix = prefix.encode(), (suffix or "\r").encode()
        self._open_port = open_port
        self._serial: Any = None
        self._pending = b""

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SerialBarcodeReader:
        return cls(settings.barcode_serial_port, settings.barcode_serial_baud, settings.barcode_prefix,
                   settings.barcode_suffix)

    def read(self, timeout_s: float = 10.0) -> Barcode:
        assert_not_gui_thread()
        deadline = time.monotonic() + max(timeout_s, 0.0)
        while True:
            code = self._next_code()
            if code is not None:
                return Barcode(symbology=SYMBOLOGY, text=code)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceError("barcode.timeout", strings.message("barcode.timeout"))
            self._receive(remaining)

    def ping(self) -> None:
        assert_not_gui_thread()
        self._opened()

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            port.close()

    def _next_code(self) -> str | None:
        while self._suffix in self._pending:
            raw, self._pending = self._pending.split(self._suffix, 1)
            raw = raw.strip(b"\r\n")  # a CR LF reader configured for CR leaves the LF before the next code
            if raw.startswith(self._prefix):
                raw = raw[len(self._prefix):]
            if raw:
                return _text(raw)
        if len(self._pending) > MAX_PENDING:
            self._pending = b""
        return None

    def _receive(self, wait_s: float) -> None:
        import serial

        port = self._opened()
        try:
            port.timeout = wait_s
            first = port.read(1)
            self._pending += first + (port.read(port.in_waiting) if first and port.in_waiting else b"")
        except (serial.SerialException, OSError) as exc:
            self.close()  # unplugged: reopen on the next read
            raise self._unavailable() from exc

    def _opened(self) -> Any:
        if self._serial is None:
            import serial  # with the first read, not with the station: pyserial weighs on the cold start

            open_port = self._open_port or serial.serial_for_url
            try:
                self._serial = open_port(self.port, baudrate=self.baudrate, timeout=0)
            except (serial.SerialException, OSError, ValueError) as exc:
                raise self._unavailable() from exc
            self._pending = b""
        return self._serial

    def _unavailable(self) -> DeviceError:
        return DeviceError("barcode.serial_unavailable", strings.message("barcode.serial_unavailable"),
                           {"port": self.port})
