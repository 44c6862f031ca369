"""WSQ (FBI Wavelet Scalar Quantization, ~15:1), the interchange format of fingerprint images
(ANSI/NIST-ITL Type-14, domain.md). The `wsq` package is a Pillow plugin: importing it registers the codec."""

from __future__ import annotations

import io

import numpy as np
import wsq  # noqa: F401  (registers the WSQ format with Pillow)
from PIL import Image

from ..errors import EnrollmentError
from ..strings import message


def encode_wsq(pixels: np.ndarray) -> bytes:
    """8-bit grey pixels → WSQ bytes (lossy, about 15:1 on live-scan prints)."""
    if pixels.dtype != np.uint8 or pixels.ndim != 2:
        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image"))
    out = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(out, "WSQ")
    return out.getvalue()


def decode_wsq(data: bytes) -> np.ndarray:
    """WSQ bytes → 8-bit grey pixels."""
    try:
        with Image.open(io.BytesIO(data), formats=["WSQ"]) as image:
            return np.asarray(image.convert("L")).copy()
    except (OSError, ValueError, SyntaxError, IndexError) as exc:
        raise EnrollmentError("fingerprint.bad_wsq", message("fingerprint.bad_wsq")) from exc


def compression_ratio(pixels: np.ndarray, data: bytes) -> float:
    return pixels.size / len(data)
