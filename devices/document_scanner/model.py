"""Data the document scanner yields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, eq=False)
class ScannedPage:
    image: np.ndarray  # uint8, H×W×3, BGR
    dpi: int


@dataclass(frozen=True)
class ScannerInfo:
    """The scanner as SANE describes it (for the diagnosis): no page, nothing personal."""

    device: str
    sources: list[str]
    resolutions: list[int]
    modes: list[str]
