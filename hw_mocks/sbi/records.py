"""The biometric records the emulated SBI device returns as `bioValue`: an ISO/IEC 19794-4:2011 finger image
record (one representation, the image JPEG 2000 lossless, as MOSIP's devices send it) and an ISO/IEC
19794-5:2011 face image record (JPEG 2000). Written from the standards' layout, independently of the
station's reader, so each side checks the other."""

from __future__ import annotations

import datetime as dt
import struct

import cv2
import numpy as np

_VENDOR, _DEVICE_TYPE = 0x0F0F, 0x0001  # unregistered vendor id: this is an emulator


def _when() -> bytes:
    now = dt.datetime.now(dt.UTC)
    return struct.pack(">HBBBBBH", now.year, now.month, now.day, now.hour, now.minute, now.second,
                       now.microsecond // 1000)


def finger_record(pixels: np.ndarray, position: int, ppi: int, quality: int) -> bytes:
    ok, encoded = cv2.imencode(".jp2", pixels, [cv2.IMWRITE_JPEG2000_COMPRESSION_X1000, 1000])
    assert ok
    image = encoded.tobytes()
    height, width = pixels.shape
    body = (_when() + struct.pack(">BHH", 1, _VENDOR, _DEVICE_TYPE)  # technology 1: optical TIR
            + struct.pack(">BBHH", 1, quality, 0x0101, 0x0001)  # one quality block
            + struct.pack(">BBBHHHHBBBHHI", position, 0, 1, ppi, ppi, ppi, ppi, 8, 5, 0, width, height, len(image))
            + image)
    representation = struct.pack(">I", 4 + len(body)) + body
    total = 16 + len(representation)
    return b"FIR\x00020\x00" + struct.pack(">IHBB", total, 1, 0, 1) + representation


def face_record(image_bgr: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".jp2", image_bgr, [cv2.IMWRITE_JPEG2000_COMPRESSION_X1000, 200])
    assert ok
    image = encoded.tobytes()
    height, width = image_bgr.shape[:2]
    body = (_when() + struct.pack(">BHH", 2, _VENDOR, _DEVICE_TYPE)  # technology 2: colour still camera
            + struct.pack(">B", 0)  # no quality block
            + struct.pack(">H", 0)  # no landmark
            + bytes(1 + 1 + 1 + 1 + 3 + 2 + 6)  # gender, eyes, hair, height, properties, expression, pose
            + struct.pack(">BBHH", 1, 1, width, height)  # full frontal, JPEG 2000 lossy
            + bytes(1 + 2 + 1) + struct.pack(">B", 1)  # sampling, processing, cross reference; 24-bit RGB
            + image)
    representation = struct.pack(">I", 4 + len(body)) + body
    total = 17 + len(representation)
    return b"FAC\x00030\x00" + struct.pack(">IHBH", total, 1, 0, 0) + representation
