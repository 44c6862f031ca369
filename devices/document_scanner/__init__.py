"""The scanner for supporting documents: flatbed and document feeder.

Two implementations: `sane` (sane_scanner.py, any scanner SANE drives; the demo's and the tests' is
hw-mocks' eSCL network scanner behind the real libsane), and `simulated` (one page over the simulated
device link, devices/transport/simlink.py).
"""

from devices.document_scanner.driver import DocumentScanner
from devices.document_scanner.model import ScannedPage, ScannerInfo
from devices.document_scanner.sane_scanner import SaneDocumentScanner
from devices.document_scanner.simulated import SimulatedDocumentScanner

IMPLEMENTATIONS = {"simulated": SimulatedDocumentScanner.from_settings, "sane": SaneDocumentScanner.from_settings}

__all__ = ["IMPLEMENTATIONS", "DocumentScanner", "SaneDocumentScanner", "ScannedPage", "ScannerInfo",
           "SimulatedDocumentScanner"]
