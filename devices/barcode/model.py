"""Data the barcode reader yields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Barcode:
    # "QR", "CODE128", "DATAMATRIX", "PDF417" when the reader says (simulated, camera); "KEYBOARD" or "SERIAL"
    # when it only sends text: the station tells the payloads apart by their content, never by this.
    symbology: str
    text: str  # the decoded content (a pre-application number, a fee stamp number)
