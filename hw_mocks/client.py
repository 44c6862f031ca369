"""A minimal client of the simulated device link, for the CLI and the test fixture (not for the station,
whose client is devices/transport/simlink.py: the two meet only through the published protocol)."""

from __future__ import annotations

import json
import socket
from typing import Any

from hw_mocks.protocol import DEFAULT_PORT


class LinkError(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def call(device: str, op: str, args: dict[str, Any] | None = None, *, port: int = DEFAULT_PORT,
         host: str = "127.0.0.1", timeout_s: float = 5.0) -> dict[str, Any]:
    """One request on a fresh connection; LinkError("unreachable") if nothing listens."""
    request = json.dumps({"id": 1, "device": device, "op": op, "args": args or {}}).encode() + b"\n"
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as sock:
            sock.sendall(request)
            with sock.makefile("rb") as reader:
                line = reader.readline()
    except OSError as exc:
        raise LinkError("unreachable", f"{host}:{port}: {exc}") from exc
    try:
        reply = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LinkError("protocol", "reply is not JSON") from exc
    if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
        raise LinkError("protocol", "reply is not a reply object")
    if not reply["ok"]:
        error = reply.get("error") or {}
        raise LinkError(str(error.get("code", "unknown")), str(error.get("detail", "")))
    return reply.get("result") or {}


def is_up(port: int = DEFAULT_PORT, host: str = "127.0.0.1", timeout_s: float = 1.0) -> bool:
    try:
        call("system", "ping", port=port, host=host, timeout_s=timeout_s)
    except LinkError:
        return False
    return True
