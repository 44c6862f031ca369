"""The SBI service on loopback: MOSIPDISC, MOSIPDINFO, RCAPTURE and STREAM over HTTP, on the first free port
from 4501 (as MOSIP's devices bind), serving hw_mocks/sbi/device.py's devices."""

from __future__ import annotations

import errno
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import cv2

from hw_mocks.sbi.device import STATUS_ERROR, SbiDevices, SbiError, error

log = logging.getLogger(__name__)

FIRST_PORT, LAST_PORT = 4501, 4600
STREAM_FPS = 10.0
MAX_BODY = 64 * 1024
BOUNDARY = "--BoundaryString"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        log.debug("sbi: " + format, *args)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise SbiError("123")
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SbiError("123") from None

    def _reply(self, value: Any, status: int = 200) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_MOSIPDISC(self) -> None:  # noqa: N802 - the verb's name
        try:
            body = self._body()
            kind = body.get("type") if isinstance(body, dict) else None
            self._reply(self.server.devices.discover(str(kind)))
        except SbiError as exc:
            self._reply([{"error": error(exc.code)}])

    def do_MOSIPDINFO(self) -> None:  # noqa: N802
        self._reply(self.server.devices.info())

    def do_RCAPTURE(self) -> None:  # noqa: N802
        spec = ""
        try:
            body = self._body()
            if not isinstance(body, dict):
                raise SbiError("123")
            spec = str(body.get("specVersion", ""))
            self._reply({"biometrics": self.server.devices.rcapture(body)})
        except SbiError as exc:
            self._reply({"biometrics": [{"specVersion": spec, "data": "", "hash": "", "error": error(exc.code)}]})

    def do_STREAM(self) -> None:  # noqa: N802
        devices = self.server.devices
        try:
            body = self._body()
            d = devices.devices.get(str(body.get("deviceId", "")) if isinstance(body, dict) else "")
            if d is None:
                raise SbiError("705")
            if d.status not in ("Ready", "Busy"):
                raise SbiError(STATUS_ERROR[d.status])
            timeout_s = float(body.get("timeout") or 300_000) / 1000
        except (SbiError, ValueError) as exc:
            self._reply({"error": error(exc.code if isinstance(exc, SbiError) else "123")})
            return
        self.close_connection = True
        self.wfile.write(("HTTP/1.0 200 OK\r\nAccess-Control-Allow-Origin:*\r\nConnection: close\r\n"
                          "Cache-Control: no-cache, private\r\nPragma: no-cache\r\n"
                          f"Content-Type: multipart/x-mixed-replace; boundary={BOUNDARY}\r\n\r\n").encode())
        end = time.monotonic() + timeout_s
        try:
            while time.monotonic() < end and not self.server.stopping.is_set():
                frame = self._preview(devices, d.type)
                ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 80])
                self.wfile.write((f"{BOUNDARY}\r\nAccess-Control-Allow-Origin:*\r\nContent-Type:image/jpeg\r\n"
                                  f"Content-Length:{len(jpeg)}\r\n\r\n").encode() + jpeg.tobytes() + b"\r\n\r\n")
                self.wfile.flush()
                time.sleep(1 / STREAM_FPS)
        except OSError:
            return  # the station closed the stream

    @staticmethod
    def _preview(devices: SbiDevices, kind: str) -> Any:
        if kind == "Face":
            return devices.camera.frame(devices.camera.width, devices.camera.height)
        import numpy as np

        return np.full((374, 388), 246, np.uint8)  # the lit, empty platen


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # a port left in TIME_WAIT is free (SO_REUSEADDR never lets two listen)

    def __init__(self, address: tuple[str, int], devices: SbiDevices) -> None:
        self.devices = devices
        self.stopping = threading.Event()
        super().__init__(address, _Handler)


class SbiService:
    def __init__(self, devices: SbiDevices, host: str = "127.0.0.1", first_port: int = FIRST_PORT) -> None:
        self.devices, self.host, self.first_port = devices, host, first_port
        self._server: _Server | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else 0

    def start(self) -> None:
        """Bind the first free port from `first_port` (to 4600), as MOSIP's devices do."""
        for port in range(self.first_port, LAST_PORT + 1):
            try:
                self._server = _Server((self.host, port), self.devices)
                break
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise
        if self._server is None:
            raise OSError(errno.EADDRINUSE, f"no free port in {self.first_port}-{LAST_PORT}")
        self.devices.port = self.port
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, name="sbi",
                         daemon=True).start()
        log.info("SBI service on %s:%d", self.host, self.port)

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stopping.set()
            server.shutdown()
            server.server_close()

