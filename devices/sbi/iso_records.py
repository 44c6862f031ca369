"""The biometric records an SBI device returns, read back to images: ISO/IEC 19794-4:2011 finger image
records ("FIR", version "020") and ISO/IEC 19794-5:2011 face image records ("FAC", version "030").

Only what the station needs is read (the first representation's image, its resolution and position); every
length is checked against the bytes there, so a truncated or forged record is refused, never half-read.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

# 19794-4:2011 image compression codes -> how the image is stored.
FINGER_COMPRESSION = {0: "raw", 1: "raw_packed", 2: "wsq", 3: "jpeg", 4: "jpeg2000", 5: "jpeg2000", 6: "png"}
# 19794-5:2011 image data type codes.
FACE_DATA_TYPE = {0: "jpeg", 1: "jpeg2000", 2: "jpeg2000", 3: "png"}


class RecordError(ValueError):
    """The record is not a well-formed ISO record of the expected kind (the reason is for the log)."""


@dataclass(frozen=True, eq=False)
class FingerRecord:
    position: int  # ISO finger position code, 0 = unknown
    ppi: int
    pixels: np.ndarray  # uint8 H×W grey
    quality: int | None  # the quality block's score (0..100), when the device put one


@dataclass(frozen=True, eq=False)
class FaceRecord:
    image: np.ndarray  # uint8 H×W×3 BGR
    encoding: str


class _Reader:
    def __init__(self, data: bytes, kind: str) -> None:
        self.data, self.at, self.kind = data, 0, kind

    def take(self, n: int) -> bytes:
        if n < 0 or self.at + n > len(self.data):
            raise RecordError(f"{self.kind} record truncated at byte {self.at}")
        chunk = self.data[self.at:self.at + n]
        self.at += n
        return chunk

    def unpack(self, fmt: str) -> tuple[int, ...]:
        return struct.unpack(">" + fmt, self.take(struct.calcsize(">" + fmt)))


def read_finger_record(data: bytes) -> FingerRecord:
    r = _Reader(data, "finger")
    if r.take(4) != b"FIR\x00" or r.take(4) != b"020\x00":
        raise RecordError("not an ISO/IEC 19794-4:2011 finger record")
    length, count, certified, _positions = r.unpack("IHBB")
    if length != len(data) or count < 1:
        raise RecordError("finger record length or count wrong")
    r.unpack("I")  # representation length
    r.take(9 + 1 + 2 + 2)  # capture date and time, device technology, vendor, type
    quality = _quality_blocks(r)
    if certified:
        (blocks,) = r.unpack("B")
        r.take(3 * blocks)
    position, _number, scale, _hs, _vs, h_rate, v_rate, depth, compression, _impression, width, height, size = \
        r.unpack("BBBHHHHBBBHHI")
    image = r.take(size)
    ppi = h_rate if scale == 1 else round(h_rate * 2.54)
    if h_rate != v_rate or not 250 <= ppi <= 2000:
        raise RecordError("finger record resolution unusable")
    method = FINGER_COMPRESSION.get(compression)
    if method is None:
        raise RecordError(f"finger image compression {compression} unknown")
    if method == "raw":
        if depth != 8 or size != width * height:
            raise RecordError("raw finger image size wrong")
        pixels = np.frombuffer(image, np.uint8).reshape(height, width).copy()
    elif method == "wsq":
        pixels = _wsq(image)
    elif method == "raw_packed":
        raise RecordError("bit-packed finger images are not read")
    else:
        pixels = _decode(image, grey=True)
    if pixels.shape != (height, width):
        raise RecordError("finger image size differs from the record's")
    return FingerRecord(position, ppi, pixels, quality)


def read_face_record(data: bytes) -> FaceRecord:
    r = _Reader(data, "face")
    if r.take(4) != b"FAC\x00" or r.take(4) != b"030\x00":
        raise RecordError("not an ISO/IEC 19794-5:2011 face record")
    length, count, _certified, _temporal = r.unpack("IHBH")
    if length != len(data) or count < 1:
        raise RecordError("face record length or count wrong")
    (representation,) = r.unpack("I")
    start = r.at - 4
    r.take(9 + 1 + 2 + 2)
    _quality_blocks(r)
    (landmarks,) = r.unpack("H")
    r.take(1 + 1 + 1 + 1 + 3 + 2 + 6)  # gender, eyes, hair, height, property mask, expression, pose
    r.take(8 * landmarks)
    _face_type, data_type, width, height = r.unpack("BBHH")
    r.take(1 + 2 + 1 + 1)  # spatial sampling, post-acquisition processing, cross reference, colour space
    image = r.take(start + representation - r.at)
    encoding = FACE_DATA_TYPE.get(data_type)
    if encoding is None:
        raise RecordError(f"face image data type {data_type} unknown")
    pixels = _decode(image, grey=False)
    if pixels.shape[:2] != (height, width):
        raise RecordError("face image size differs from the record's")
    return FaceRecord(pixels, encoding)


def _quality_blocks(r: _Reader) -> int | None:
    (blocks,) = r.unpack("B")
    scores = [r.unpack("BHH")[0] for _ in range(blocks)]
    return scores[0] if scores and scores[0] <= 100 else None


def _decode(image: bytes, *, grey: bool) -> np.ndarray:
    import cv2  # loaded with the first record, not with the station

    decoded = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR)
    if decoded is None:
        raise RecordError("image inside the record does not decode")
    return decoded


def _wsq(image: bytes) -> np.ndarray:
    import io

    import wsq  # noqa: F401 - registers the WSQ codec with Pillow
    from PIL import Image

    try:
        return np.asarray(Image.open(io.BytesIO(image)).convert("L"))
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on a bad stream
        raise RecordError("WSQ image inside the record does not decode") from exc
