"""The printer interface the station programs against, and the station without a printer."""

from __future__ import annotations

from abc import abstractmethod

from devices import strings
from devices.base import Driver
from devices.errors import DeviceError
from devices.printer.model import PrinterStatus, PrintJob
from devices.settings import DeviceSettings


class Printer(Driver):
    kind = "printer"

    @abstractmethod
    def queues(self) -> list[str]:
        """The print queues the system offers (for the technician's choice)."""

    @abstractmethod
    def status(self) -> PrinterStatus:
        """The configured queue's state, its problem in French if it cannot print."""

    @abstractmethod
    def print_pdf(self, pdf: bytes, title: str, wait_s: float = 15.0, queue: str = "", copies: int = 1) -> PrintJob:
        """Print `pdf` (`copies` times, on `queue`: "" = the configured one); wait up to `wait_s` for the
        printer to take it. A job the printer cannot take is cancelled (a receipt must not come out later,
        unattended) and reported as a DeviceError in French. `title` names the job in the system's logs:
        never a name or anything personal."""


class NoPrinter(Printer):
    """A station configured without a printer: every print says so, in French."""

    implementation = "none"

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> NoPrinter:
        return cls()

    def queues(self) -> list[str]:
        return []

    def status(self) -> PrinterStatus:
        return PrinterStatus(queue="", state="stopped", accepting=False, problem=strings.message("printer.none"))

    def print_pdf(self, pdf: bytes, title: str, wait_s: float = 15.0, queue: str = "", copies: int = 1) -> PrintJob:
        raise DeviceError("printer.none", strings.message("printer.none"))
