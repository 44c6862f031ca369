"""The barcode reader interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.barcode.model import Barcode
from devices.base import Driver


class BarcodeReader(Driver):
    kind = "barcode"

    @abstractmethod
    def read(self, timeout_s: float = 10.0) -> Barcode:
        """The next code scanned within `timeout_s`; DeviceError "barcode.timeout" when none was."""

    @abstractmethod
    def ping(self) -> None:
        """Check the reader is there without consuming a scan."""
