from __future__ import annotations

import threading
import time

import pytest

from devices.barcode import SimulatedBarcodeReader
from devices.errors import DeviceError
from tests.devices.threads import off_main


def test_read_returns_the_scanned_text(device_settings, hw_mocks):
    reader = SimulatedBarcodeReader.from_settings(device_settings)
    hw_mocks.scan_barcode("2501ABCD12")
    code = off_main(reader.read, 2.0)
    assert (code.symbology, code.text) == ("QR", "2501ABCD12")


def test_read_waits_for_a_scan_that_comes_later(device_settings, hw_mocks):
    reader = SimulatedBarcodeReader.from_settings(device_settings)
    later = threading.Timer(0.3, hw_mocks.scan_barcode, args=("1234567890123456", "CODE128"))
    later.start()
    code = off_main(reader.read, 5.0)
    assert (code.symbology, code.text) == ("CODE128", "1234567890123456")


def test_nothing_scanned_times_out_with_barcode_timeout(device_settings):
    reader = SimulatedBarcodeReader.from_settings(device_settings)
    started = time.monotonic()
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 0.3)
    assert caught.value.code == "barcode.timeout"
    assert "code-barres" in caught.value.message
    assert time.monotonic() - started < 5
