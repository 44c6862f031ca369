"""A code held up before the virtual camera: a white card with one barcode, pasted over the scene.

The `camera show` op prints the code with zxing-cpp's writer (QR, DataMatrix, Code 128 or PDF417) and
holds it at the centre of the frame, about a third of its height, as an agent holds a pre-application
summary or an envelope before a camera used as a reader; `camera hide` takes it away.
"""

from __future__ import annotations

import cv2
import numpy as np

from hw_mocks.protocol import SimError

FORMATS = {"QR": "QRCode", "DATAMATRIX": "DataMatrix", "CODE128": "Code128", "PDF417": "PDF417"}
CARD_HEIGHT = 0.36  # of the frame's height: a sheet held at arm's length from a webcam
MARGIN = 0.15  # white border around the code, of the code's size


def print_code(text: str, symbology: str) -> np.ndarray:
    """The code on its white card, grey uint8, one pixel a module (scaled when pasted)."""
    import zxingcpp

    name = FORMATS.get(symbology.upper())
    if name is None:
        raise SimError("link.bad_args", f"symbology {symbology!r}: one of {', '.join(FORMATS)}")
    try:
        code = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, name))
    except (ValueError, RuntimeError) as exc:
        raise SimError("link.bad_args", f"cannot print {symbology}: {exc}") from exc
    image = np.array(zxingcpp.write_barcode_to_image(code, scale=1), dtype=np.uint8)
    pad = max(2, int(MARGIN * max(image.shape)))
    return np.pad(image, pad, constant_values=255)


def hold_up(frame: np.ndarray, card: np.ndarray) -> np.ndarray:
    """The frame with the card at its centre (a copy), scaled by whole pixels so modules stay sharp."""
    h, w = frame.shape[:2]
    target = CARD_HEIGHT * h
    scale = max(1, int(min(target / card.shape[0], 0.9 * w / card.shape[1])))
    big = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    ch, cw = big.shape[:2]
    if ch > h or cw > w:  # a long Code 128 on a small frame: shrink to fit rather than crop it away
        ratio = min(h / ch, w / cw)
        big = cv2.resize(big, (int(cw * ratio), int(ch * ratio)), interpolation=cv2.INTER_AREA)
        ch, cw = big.shape[:2]
    top, left = (h - ch) // 2, (w - cw) // 2
    out = frame.copy()
    out[top:top + ch, left:left + cw] = big[:, :, None] if out.ndim == 3 else big
    return out
