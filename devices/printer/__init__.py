"""The printer for the applicant's receipts: CUPS (cups_printer.py), or none."""

from devices.printer.cups_printer import CupsPrinter
from devices.printer.driver import NoPrinter, Printer
from devices.printer.model import PrinterStatus, PrintJob

IMPLEMENTATIONS = {"cups": CupsPrinter.from_settings, "none": NoPrinter.from_settings}

__all__ = ["IMPLEMENTATIONS", "CupsPrinter", "NoPrinter", "PrintJob", "Printer", "PrinterStatus"]
