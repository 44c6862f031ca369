"""The simulated device link, server side: JSON lines, one request and one reply per line.

    request: {"id": 7, "device": "barcode", "op": "read", "args": {"timeout_s": 5}}
    reply:   {"id": 7, "ok": true, "result": {...}}
          or {"id": 7, "ok": false, "error": {"code": "...", "detail": "...", "details": {...}}}

`detail` is English for developers; the station words its own French message from `code` and `details`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any, Protocol

PROTOCOL_VERSION = 1
DEFAULT_PORT = 47800
MAX_REQUEST = 1024 * 1024  # requests are small (a PIN, a challenge); a longer line is refused

OpHandler = Callable[[dict[str, Any]], dict[str, Any]]


class SimError(Exception):
    """A simulated device refuses a request the way the real one would (no card, wrong PIN...)."""

    def __init__(self, code: str, detail: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.details = details or {}


class SimDevice(Protocol):
    """What the server needs from each simulated device module."""

    name: str

    def ops(self) -> dict[str, OpHandler]:
        """Operations the station's driver uses."""
        ...

    def control_ops(self) -> dict[str, OpHandler]:
        """Operations the CLI and the tests use to play the user (insert a card, scan a code)."""
        ...


def ok_line(request_id: Any, result: dict[str, Any]) -> bytes:
    return _line({"id": request_id, "ok": True, "result": result})


def error_line(request_id: Any, error: SimError) -> bytes:
    body: dict[str, Any] = {"code": error.code, "detail": error.detail}
    if error.details:
        body["details"] = error.details
    return _line({"id": request_id, "ok": False, "error": body})


def _line(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def arg(args: dict[str, Any], name: str, kind: type, default: Any = None) -> Any:
    """A typed argument, or the default when absent; a wrong type is the client's protocol error."""
    value = args.get(name, default)
    if value is None and default is None:
        raise SimError("link.bad_args", f"missing argument {name!r}")
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind):
        raise SimError("link.bad_args", f"argument {name!r} must be {kind.__name__}")
    return value
