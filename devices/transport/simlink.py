"""Client of the simulated device link (hw-mocks): JSON lines over TCP on loopback.

The protocol is published in docs/simulated-devices.md; this module is the only place in `devices/` that
knows it. Every failure of the link (nothing listening, silence, a cut, a garbled line) becomes a
DeviceError with the agent's French message; errors the simulated device reports come back with their own
code and details.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import socket
import threading
from types import UnionType
from typing import Any

from devices import strings
from devices.errors import DeviceError
from devices.settings import DeviceSettings

log = logging.getLogger(__name__)

# A frame of the document scanner is the biggest reply (a few MB of base64); anything longer is garbage.
MAX_LINE = 64 * 1024 * 1024


class SimLink:
    """One connection to the simulator for one device, opened on first use and reopened after a failure.

    A lock makes it safe to share, although each driver normally owns its link and is called from its own
    worker thread only. The connection is dropped after any failure because a late reply would otherwise be
    read as the answer to the next request.
    """

    def __init__(self, host: str, port: int, device: str, timeout_s: float = 5.0) -> None:
        self.host = host
        self.port = port
        self.device = device
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._reader: Any = None
        self._next_id = 1

    def call(
        self, op: str, args: dict[str, Any] | None = None, extra_timeout_s: float = 0.0
    ) -> dict[str, Any]:
        """Send one request and return its `result`; `extra_timeout_s` covers ops that wait (captures)."""
        with self._lock:
            request_id = self._next_id
            self._next_id += 1
            line = json.dumps({"id": request_id, "device": self.device, "op": op, "args": args or {}})
            # Log the operation only: args may hold a PIN or a capture.
            log.debug("simlink %s.%s #%d", self.device, op, request_id)
            try:
                reply = self._exchange(line.encode("utf-8") + b"\n", self.timeout_s + extra_timeout_s)
            except DeviceError:
                self._close_locked()
                raise
            return self._result(reply, request_id)

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    # -- internals ---------------------------------------------------------------------------------------

    def _error(self, code: str) -> DeviceError:
        return DeviceError(code, strings.message(code, kind=self.device))

    def _connect(self, timeout_s: float) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout_s)
        except TimeoutError as exc:
            raise self._error("link.timeout") from exc
        except OSError as exc:  # refused, unreachable, bad host
            raise self._error("link.unreachable") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._reader = sock.makefile("rb")

    def _exchange(self, data: bytes, timeout_s: float) -> bytes:
        if self._sock is None:
            self._connect(timeout_s)
        assert self._sock is not None
        self._sock.settimeout(timeout_s)
        try:
            self._sock.sendall(data)
            reply = self._reader.readline(MAX_LINE + 1)
        except TimeoutError as exc:
            raise self._error("link.timeout") from exc
        except OSError as exc:  # reset by peer, broken pipe
            raise self._error("link.closed") from exc
        if not reply:
            raise self._error("link.closed")
        if not reply.endswith(b"\n"):
            raise self._error("link.protocol")
        return reply

    def _result(self, reply: bytes, request_id: int) -> dict[str, Any]:
        try:
            message = json.loads(reply)
        except (UnicodeDecodeError, json.JSONDecodeError):
            message = None
        if not isinstance(message, dict) or message.get("id") != request_id or not isinstance(
            message.get("ok"), bool
        ):
            self._close_locked()
            raise self._error("link.protocol")
        if message["ok"]:
            result = message.get("result", {})
            if not isinstance(result, dict):
                self._close_locked()
                raise self._error("link.protocol")
            return result
        error = message.get("error")
        if not isinstance(error, dict) or not isinstance(error.get("code"), str):
            self._close_locked()
            raise self._error("link.protocol")
        details = error.get("details") if isinstance(error.get("details"), dict) else {}
        code = error["code"]
        log.info("simulated %s reported %s", self.device, code)
        fields = {k: v for k, v in details.items() if k != "kind" and isinstance(v, int | float | str)}
        raise DeviceError(code, strings.message(code, kind=self.device, **fields), details)

    def _close_locked(self) -> None:
        if self._sock is not None:
            try:
                self._reader.close()
                self._sock.close()
            except OSError:
                pass
        self._sock = None
        self._reader = None


def link_for(settings: DeviceSettings, kind: str) -> SimLink:
    """The link a simulated driver of `kind` uses, per the station's settings."""
    return SimLink(settings.simulator_host, settings.simulator_port, kind, settings.link_timeout_s)


def decode_b64(value: object, device: str) -> bytes:
    """Decode a base64 field of a reply; a malformed one is the device's fault, reported as such."""
    if not isinstance(value, str):
        raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=device))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=device)) from exc


def field(result: dict[str, Any], name: str, kind: type | UnionType, device: str) -> Any:
    """A typed field of a reply, or the device's bad-reply error (never a KeyError in the station)."""
    value = result.get(name)
    if kind is int and isinstance(value, bool):
        value = None
    if not isinstance(value, kind):
        raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=device))
    return value
