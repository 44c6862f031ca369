"""The scanner's side of the framing of docs/fingerprint-scanner.md.

The station's driver has its own copy (devices/fingerprint/protocol.py): the two share this published
format, never code, as a vendor's firmware and our driver would.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

MAGIC, VERSION = b"FP", 1
HEADER = struct.Struct(">2sBBHI")  # magic, version, code, sequence, payload length
REPLY = 0x80
MAX_PAYLOAD = 64 * 1024

GET_INFO, START_CAPTURE, GET_STATUS, READ_CHUNK, SET_LED, ABORT = 0x01, 0x02, 0x03, 0x04, 0x05, 0x06
OK, BAD_FRAME, BAD_COMMAND, BAD_PARAMETER, BUSY, NO_IMAGE, SENSOR = range(7)
IDLE, WAITING, ACQUIRING, READY, TIMEOUT, ABORTED = range(6)
FLAG_PLATEN = 0x01
LED_COLOURS = {0: "off", 1: "green", 2: "red", 3: "amber"}


class BadFrame(Exception):
    def __init__(self, sequence: int = 0) -> None:
        super().__init__("bad frame")
        self.sequence = sequence


@dataclass(frozen=True)
class Request:
    code: int
    sequence: int
    payload: bytes


def encode(code: int, sequence: int, payload: bytes) -> bytes:
    head = HEADER.pack(MAGIC, VERSION, code, sequence & 0xFFFF, len(payload))
    return head + payload + struct.pack(">I", zlib.crc32(head + payload))


def decode(data: bytes) -> Request:
    if len(data) < HEADER.size + 4:
        raise BadFrame()
    magic, version, code, sequence, length = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or length > MAX_PAYLOAD or len(data) != HEADER.size + length + 4:
        raise BadFrame(sequence)
    (crc,) = struct.unpack_from(">I", data, HEADER.size + length)
    if zlib.crc32(data[: HEADER.size + length]) != crc:
        raise BadFrame(sequence)
    return Request(code, sequence, data[HEADER.size: HEADER.size + length])


def reply(request_code: int, sequence: int, status: int, body: bytes = b"") -> bytes:
    return encode(request_code | REPLY, sequence, bytes([status]) + body)


def text(value: str) -> bytes:
    raw = value.encode("utf-8")[:255]
    return bytes([len(raw)]) + raw
