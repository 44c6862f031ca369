"""Finding the 2D-Doc's DataMatrix on a scanned page (zxing-cpp, on the grey image only: the code is black
on white, and colour would only slow the search)."""

from __future__ import annotations

import numpy as np


def read_datamatrix(image: np.ndarray) -> list[bytes]:
    """The contents of every DataMatrix zxing-cpp finds on `image` (grey or colour, HxW[xC] uint8)."""
    import zxingcpp

    grey = image if image.ndim == 2 else image[..., :3].mean(axis=2).astype(np.uint8)
    found = zxingcpp.read_barcodes(np.ascontiguousarray(grey), formats=zxingcpp.BarcodeFormat.DataMatrix)
    return [bytes(b.bytes) for b in found if b.valid]
