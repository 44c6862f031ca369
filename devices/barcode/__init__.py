"""The barcode reader (pre-application QR codes, fee stamps).

No protocol.py: the only implementation is simulated, and its wire format is the simulated device link's
(devices/transport/simlink.py, docs/simulated-devices.md).
"""

from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.barcode.simulated import SimulatedBarcodeReader

IMPLEMENTATIONS = {"simulated": SimulatedBarcodeReader.from_settings}

__all__ = ["IMPLEMENTATIONS", "Barcode", "BarcodeReader", "SimulatedBarcodeReader"]
