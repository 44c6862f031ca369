"""Data the barcode reader yields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Barcode:
    symbology: str  # "QR", "CODE128", "DATAMATRIX"...
    text: str  # the decoded content (a pre-application number, a fee stamp number)
