"""The document scanner interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.document_scanner.model import ScannedPage


class DocumentScanner(Driver):
    kind = "document_scanner"

    @abstractmethod
    def scan(self, timeout_s: float = 30.0) -> ScannedPage:
        """Scan the page on the glass (proof of address, loss declaration...)."""

    @abstractmethod
    def ping(self) -> None:
        """Check the scanner is there without scanning."""
