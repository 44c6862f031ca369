"""The barcode reader served by hw-mocks: scans are pushed by `hw-mocks barcode scan TEXT`."""

from __future__ import annotations

from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.settings import DeviceSettings
from devices.transport.simlink import SimLink, field, link_for
from devices.worker import assert_not_gui_thread


class SimulatedBarcodeReader(BarcodeReader):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedBarcodeReader:
        return cls(link_for(settings, cls.kind))

    def read(self, timeout_s: float = 10.0) -> Barcode:
        assert_not_gui_thread()
        r = self._link.call("read", {"timeout_s": timeout_s}, extra_timeout_s=timeout_s)
        return Barcode(symbology=field(r, "symbology", str, self.kind), text=field(r, "text", str, self.kind))

    def ping(self) -> None:
        assert_not_gui_thread()
        self._link.call("info")

    def close(self) -> None:
        self._link.close()
