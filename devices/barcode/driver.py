"""The barcode reader interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.barcode.diagnose import diagnose_reader
from devices.barcode.model import Barcode
from devices.base import Driver
from devices.diagnosis import Diagnosis
from devices.worker import assert_not_gui_thread


class BarcodeReader(Driver):
    kind = "barcode"

    @abstractmethod
    def read(self, timeout_s: float = 10.0) -> Barcode:
        """The next code scanned within `timeout_s`; DeviceError "barcode.timeout" when none was."""

    @abstractmethod
    def ping(self) -> None:
        """Check the reader is there without consuming a scan."""

    def diagnose(self) -> Diagnosis:
        assert_not_gui_thread()
        return diagnose_reader(self)
