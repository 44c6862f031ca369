"""The document scanner interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices import strings
from devices.base import Driver
from devices.document_scanner.model import ScannedPage
from devices.errors import DeviceError


class DocumentScanner(Driver):
    kind = "document_scanner"

    @abstractmethod
    def scan(self, timeout_s: float = 30.0) -> ScannedPage:
        """Scan the page on the glass (proof of address, loss declaration...)."""

    def scan_feeder(self, timeout_s: float = 60.0) -> list[ScannedPage]:
        """Scan every page in the document feeder, in order (a two-page bill in one go)."""
        raise DeviceError("document_scanner.no_feeder", strings.message("document_scanner.no_feeder"))

    @abstractmethod
    def ping(self) -> None:
        """Check the scanner is there without scanning."""
