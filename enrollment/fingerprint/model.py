"""Fingerprints as the dossier keeps them."""

from __future__ import annotations

from enum import StrEnum

from ..model_base import Model


class FingerPosition(StrEnum):
    """ANSI/NIST-ITL and ISO/IEC 19794-2 finger position codes."""

    RIGHT_THUMB = "1"
    RIGHT_INDEX = "2"
    RIGHT_MIDDLE = "3"
    RIGHT_RING = "4"
    RIGHT_LITTLE = "5"
    LEFT_THUMB = "6"
    LEFT_INDEX = "7"
    LEFT_MIDDLE = "8"
    LEFT_RING = "9"
    LEFT_LITTLE = "10"


class Fingerprint(Model):
    position: FingerPosition
    png: bytes  # 8-bit grey; WSQ arrives with the fingerprint issue
    width: int
    height: int
    ppi: int = 500
    quality: int | None = None  # NFIQ 2, 0-100, once measured
