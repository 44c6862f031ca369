"""Data the fingerprint scanner yields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


# ISO/IEC 19794-4 finger position codes the station uses (the CNIe and passport take both index fingers,
# falling back to other fingers when one is missing or injured).
RIGHT_THUMB, RIGHT_INDEX, RIGHT_MIDDLE, RIGHT_RING, RIGHT_LITTLE = "1", "2", "3", "4", "5"
LEFT_THUMB, LEFT_INDEX, LEFT_MIDDLE, LEFT_RING, LEFT_LITTLE = "6", "7", "8", "9", "10"
FINGER_POSITIONS: tuple[str, ...] = tuple(str(n) for n in range(1, 11))


@dataclass(frozen=True)
class ScannerInfo:
    vendor: str
    model: str
    ppi: int
    width: int
    height: int
    serial: str = ""  # the scanner's own serial number (not personal data)
    firmware: str = ""


@dataclass(frozen=True, eq=False)
class FingerImage:
    pixels: np.ndarray  # uint8, H×W, grey, dark ridges on light background
    ppi: int
    # The scanner's own quality score (0..100) when it gives one (SBI devices do): shown beside the
    # station's NFIQ 2, never trusted alone.
    device_quality: float | None = None
