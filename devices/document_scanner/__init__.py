"""The flatbed scanner for supporting documents.

No protocol.py: the only implementation is simulated, and its wire format is the simulated device link's
(devices/transport/simlink.py, docs/simulated-devices.md).
"""

from devices.document_scanner.driver import DocumentScanner
from devices.document_scanner.model import ScannedPage
from devices.document_scanner.simulated import SimulatedDocumentScanner

IMPLEMENTATIONS = {"simulated": SimulatedDocumentScanner.from_settings}

__all__ = ["IMPLEMENTATIONS", "DocumentScanner", "ScannedPage", "SimulatedDocumentScanner"]
