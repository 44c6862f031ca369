"""The barcode reader (pre-application QR codes, fee stamps)."""

from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.barcode.simulated import SimulatedBarcodeReader

IMPLEMENTATIONS = {"simulated": SimulatedBarcodeReader.from_settings}

__all__ = ["IMPLEMENTATIONS", "Barcode", "BarcodeReader", "SimulatedBarcodeReader"]
