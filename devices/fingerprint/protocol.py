"""Our fingerprint scanner command set (docs/fingerprint-scanner.md): frames, commands, replies. Bytes only.

Every message, both ways, is one frame on a bulk endpoint (host → device on OUT 0x01, device → host on
IN 0x81):

    magic "FP" | version 1 | code | sequence u16 | length u32 | payload | CRC-32 u32   (big-endian)

The CRC-32 (IEEE 802.3, as zlib computes it) covers header and payload. A reply carries the command's code
with bit 7 set and the command's sequence number; its payload starts with a status byte. Kept free of pyusb
so it can be tested on its own and reused by a vendor driver written beside ours.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from enum import IntEnum

# pid.codes test range: 0x1209:0x0001–0x000F are reserved for testing and never sold.
VENDOR_ID = 0x1209
PRODUCT_ID = 0x000F
INTERFACE = 0
EP_OUT = 0x01
EP_IN = 0x81

MAGIC = b"FP"
VERSION = 1
_HEADER = struct.Struct(">2sBBHI")
HEADER_SIZE = _HEADER.size  # 10
CRC_SIZE = 4
MAX_PAYLOAD = 64 * 1024  # a chunk is at most this; anything larger is a broken frame
REPLY = 0x80


class Command(IntEnum):
    GET_INFO = 0x01
    START_CAPTURE = 0x02
    GET_STATUS = 0x03
    READ_CHUNK = 0x04
    SET_LED = 0x05
    ABORT = 0x06


class Status(IntEnum):
    OK = 0x00
    BAD_FRAME = 0x01  # the device got a frame with a wrong magic, version or CRC
    BAD_COMMAND = 0x02
    BAD_PARAMETER = 0x03
    BUSY = 0x04  # a capture is running: abort it first
    NO_IMAGE = 0x05  # READ_CHUNK while no image is ready, or a chunk index out of range
    SENSOR = 0x06  # the sensor failed its own check


class State(IntEnum):
    IDLE = 0
    WAITING = 1  # armed, no finger on the glass yet
    ACQUIRING = 2  # a finger is on the glass, the image is being taken
    READY = 3  # the image can be read in chunks
    TIMEOUT = 4  # no finger came before the capture's timeout
    ABORTED = 5


class Led(IntEnum):
    OFF = 0
    GREEN = 1  # good impression
    RED = 2  # try again
    AMBER = 3  # place the finger


FLAG_PLATEN = 0x01  # START_CAPTURE: image the empty platen at once (self-test), do not wait for a finger


class FrameError(Exception):
    """A frame that cannot be trusted: wrong magic or version, truncated, or a CRC mismatch."""


@dataclass(frozen=True)
class Frame:
    code: int
    sequence: int
    payload: bytes


def encode(code: int, sequence: int, payload: bytes = b"") -> bytes:
    head = _HEADER.pack(MAGIC, VERSION, code, sequence & 0xFFFF, len(payload))
    return head + payload + struct.pack(">I", zlib.crc32(head + payload))


def decode(data: bytes) -> Frame:
    if len(data) < HEADER_SIZE + CRC_SIZE:
        raise FrameError("truncated frame")
    magic, version, code, sequence, length = _HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION:
        raise FrameError("not a frame of this protocol")
    if length > MAX_PAYLOAD or len(data) != HEADER_SIZE + length + CRC_SIZE:
        raise FrameError("frame length does not match its header")
    body = data[: HEADER_SIZE + length]
    (crc,) = struct.unpack_from(">I", data, HEADER_SIZE + length)
    if zlib.crc32(body) != crc:
        raise FrameError("CRC-32 mismatch")
    return Frame(code, sequence, body[HEADER_SIZE:])


# Command payloads ---------------------------------------------------------------------------------------------

def start_capture(position: int, timeout_ms: int, flags: int = 0) -> bytes:
    return struct.pack(">BBI", position, flags, timeout_ms)


def read_chunk(index: int) -> bytes:
    return struct.pack(">H", index)


def set_led(finger: int, colour: Led, blink: bool) -> bytes:
    return struct.pack(">BBB", finger, int(colour), int(blink))


# Reply payloads (after the status byte) --------------------------------------------------------------------------

@dataclass(frozen=True)
class DeviceInfo:
    ppi: int
    width: int
    height: int
    depth: int  # bits per pixel
    chunk_size: int
    vendor: str
    model: str
    serial: str
    firmware: str


@dataclass(frozen=True)
class CaptureStatus:
    state: State
    finger_present: bool
    image_size: int  # bytes, when READY
    image_crc: int  # CRC-32 of the whole image, when READY
    chunks: int


@dataclass(frozen=True)
class Chunk:
    index: int
    count: int
    data: bytes


_INFO = struct.Struct(">HHHBH")
_STATUS = struct.Struct(">BBIIH")
_CHUNK = struct.Struct(">HH")


def parse_info(body: bytes) -> DeviceInfo:
    try:
        ppi, width, height, depth, chunk = _INFO.unpack_from(body)
        texts, at = [], _INFO.size
        for _ in range(4):
            n = body[at]
            if at + 1 + n > len(body):  # a short reply would otherwise give a silently cut serial number
                raise IndexError("text beyond the reply")
            texts.append(body[at + 1: at + 1 + n].decode("utf-8"))
            at += 1 + n
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise FrameError("malformed device information") from exc
    return DeviceInfo(ppi, width, height, depth, chunk, *texts)


def parse_status(body: bytes) -> CaptureStatus:
    try:
        state, finger, size, crc, chunks = _STATUS.unpack_from(body)
        return CaptureStatus(State(state), bool(finger), size, crc, chunks)
    except (struct.error, ValueError) as exc:
        raise FrameError("malformed capture status") from exc


def parse_chunk(body: bytes) -> Chunk:
    try:
        index, count = _CHUNK.unpack_from(body)
    except struct.error as exc:
        raise FrameError("malformed chunk") from exc
    return Chunk(index, count, body[_CHUNK.size:])
