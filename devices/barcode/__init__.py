"""The barcode reader (pre-application QR codes, fee stamps, title envelopes, 2D-Doc).

Four implementations, chosen by the station's configuration: `simulated` (hw-mocks' link,
devices/transport/simlink.py), `wedge` (a USB HID reader typing like a keyboard, caught by the window:
wedge.py tells scans from typing), `serial` (USB CDC or RS-232 through pyserial) and `camera` (codes
decoded from a camera's image by zxing-cpp). No protocol.py: none has a wire format of the station's own.
"""

from devices.barcode.camera_reader import CameraBarcodeReader
from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.barcode.serial_reader import SerialBarcodeReader
from devices.barcode.simulated import SimulatedBarcodeReader
from devices.barcode.wedge import WedgeSettings
from devices.barcode.wedge_reader import WedgeBarcodeReader

IMPLEMENTATIONS = {
    "simulated": SimulatedBarcodeReader.from_settings,
    "wedge": WedgeBarcodeReader.from_settings,
    "serial": SerialBarcodeReader.from_settings,
    "camera": CameraBarcodeReader.from_settings,
}

__all__ = ["IMPLEMENTATIONS", "Barcode", "BarcodeReader", "CameraBarcodeReader", "SerialBarcodeReader",
           "SimulatedBarcodeReader", "WedgeBarcodeReader", "WedgeSettings"]
