"""Framing of the USB-over-TCP protocol (docs/usb-simulation.md): 4-byte big-endian length + JSON.

The station's side has its own copy (devices/transport/usb/wire.py): the two share this published format, not code.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

MAX_MESSAGE = 16 * 1024 * 1024


class WireError(Exception):
    pass


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode()
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def receive(sock: socket.socket) -> dict[str, Any]:
    (length,) = struct.unpack(">I", _exactly(sock, 4))
    if length > MAX_MESSAGE:
        raise WireError("message too large")
    try:
        message = json.loads(_exactly(sock, length))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError("not JSON") from exc
    if not isinstance(message, dict):
        raise WireError("not a JSON object")
    return message


def _exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise WireError("connection closed")
        buf += chunk
    return bytes(buf)
