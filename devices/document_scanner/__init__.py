"""The flatbed scanner for supporting documents."""

from devices.document_scanner.driver import DocumentScanner
from devices.document_scanner.model import ScannedPage
from devices.document_scanner.simulated import SimulatedDocumentScanner

IMPLEMENTATIONS = {"simulated": SimulatedDocumentScanner.from_settings}

__all__ = ["IMPLEMENTATIONS", "DocumentScanner", "ScannedPage", "SimulatedDocumentScanner"]
