"""The USB-over-TCP wire format shared with hw-mocks' emulated USB devices (docs/usb-simulation.md).

Every message is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON; binary payloads
travel as base64 in the "data" field. Kept free of pyusb so both ends can use the same framing rules.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

MAX_MESSAGE = 16 * 1024 * 1024  # a whole 500 ppi image fits many times over; anything larger is garbage

# Error names on the wire and the errno pyusb's libusb backend would report for them.
ERRNO = {"timeout": 110, "no_device": 19, "pipe": 32, "io": 5, "busy": 16, "bad_request": 22}


class WireError(Exception):
    """The peer closed, sent garbage, or exceeded the size limit."""


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode()
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def receive(sock: socket.socket) -> dict[str, Any]:
    header = _exactly(sock, 4)
    (length,) = struct.unpack(">I", header)
    if length > MAX_MESSAGE:
        raise WireError(f"message of {length} bytes exceeds the limit")
    try:
        message = json.loads(_exactly(sock, length))
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, a 5000-digit number, deep nesting
        raise WireError("message is not JSON") from exc
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
    return message


def _exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise WireError("connection closed")
        buf += chunk
    return bytes(buf)
