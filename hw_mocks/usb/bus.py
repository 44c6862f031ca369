"""The emulated USB bus: a TCP server speaking the protocol of docs/usb-simulation.md to the station's
pyusb backend, and the devices plugged into it.

One connection per host backend; each request gets one reply. A transfer that waits (a bulk read for the
next image chunk) blocks only its own connection's thread.
"""

from __future__ import annotations

import base64
import itertools
import logging
import socket
import socketserver
import threading
from typing import Any

from . import wire
from .device import EmulatedUsbDevice, UsbFault

log = logging.getLogger(__name__)


class UsbBus:
    def __init__(self) -> None:
        self.devices: dict[str, EmulatedUsbDevice] = {}
        self._handles: dict[int, str] = {}
        self._claimed: dict[tuple[str, int], int] = {}
        self._next = itertools.count(1)
        self._lock = threading.Lock()

    def attach(self, device_id: str, device: EmulatedUsbDevice) -> None:
        self.devices[device_id] = device

    # One request ------------------------------------------------------------------------------------------

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        try:
            if op == "list":
                return {"ok": True, "devices": [
                    d.descriptor_tree(i, n + 2) for n, (i, d) in enumerate(self.devices.items()) if d.plugged]}
            if op == "open":
                device_id = str(request.get("id"))
                if device_id not in self.devices or not self.devices[device_id].plugged:
                    raise UsbFault("no_device", "no such device on the bus")
                with self._lock:
                    h = next(self._next)
                    self._handles[h] = device_id
                return {"ok": True, "handle": h}
            if op == "close":
                # As libusb_close: closing a handle of an unplugged device succeeds and frees its claims, so
                # the device can be claimed again once replugged.
                self._close(int(request["handle"]))
                return {"ok": True}
            device_id, device = self._device(request)
            return {"ok": True, **self._on_device(op, request, device_id, device)}
        except UsbFault as fault:
            return {"ok": False, "error": fault.error, "detail": fault.detail}
        except (KeyError, TypeError, ValueError) as exc:
            return {"ok": False, "error": "bad_request", "detail": f"{type(exc).__name__} in {op!r}"}

    def _device(self, request: dict[str, Any]) -> tuple[str, EmulatedUsbDevice]:
        device_id = self._handles.get(int(request["handle"]))
        if device_id is None:
            raise UsbFault("no_device", "unknown or closed handle")
        device = self.devices[device_id]
        if not device.plugged:
            raise UsbFault("no_device", "device unplugged")
        return device_id, device

    def _close(self, handle: int) -> None:
        with self._lock:
            self._handles.pop(handle, None)
            for key in [k for k, h in self._claimed.items() if h == handle]:
                del self._claimed[key]

    def _on_device(self, op: Any, r: dict[str, Any], device_id: str, device: EmulatedUsbDevice) -> dict[str, Any]:
        timeout = r.get("timeout_ms", 1000)
        timeout_s = None if timeout == 0 else timeout / 1000
        if op in ("set_configuration", "set_altsetting", "clear_halt"):
            return {}
        if op == "get_configuration":
            return {"value": 1}
        if op == "claim":
            key = (device_id, int(r["intf"]))
            with self._lock:
                if self._claimed.get(key, int(r["handle"])) != int(r["handle"]):
                    raise UsbFault("busy", "interface claimed by another handle")
                self._claimed[key] = int(r["handle"])
            return {}
        if op == "release":
            with self._lock:
                self._claimed.pop((device_id, int(r["intf"])), None)
            return {}
        if op == "reset":
            device.reset()
            return {}
        if op in ("bulk_write", "intr_write"):
            data = base64.b64decode(r["data"])
            with device.lock:
                device.bulk_out(int(r["ep"]), data)
            return {"count": len(data)}
        if op in ("bulk_read", "intr_read"):
            data = device.bulk_in(int(r["ep"]), int(r["size"]), timeout_s)
            return {"data": base64.b64encode(data).decode()}
        if op == "ctrl":
            payload = base64.b64decode(r.get("data", "")) if "data" in r else b""
            with device.lock:
                out = device.control(int(r["bmRequestType"]), int(r["bRequest"]), int(r["wValue"]),
                                     int(r["wIndex"]), payload, int(r.get("length", 0)))
            if int(r["bmRequestType"]) & 0x80:
                return {"data": base64.b64encode(out).decode()}
            return {"count": len(payload)}
        raise UsbFault("bad_request", f"unknown operation {op!r}")


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        bus: UsbBus = self.server.bus  # type: ignore[attr-defined]
        sock: socket.socket = self.request
        self.server.connections.add(sock)  # type: ignore[attr-defined]
        while True:
            try:
                request = wire.receive(sock)
            except (OSError, wire.WireError):
                return
            try:
                wire.send(sock, bus.handle(request))
            except OSError:
                return


class UsbBusServer:
    """Serves `bus` on 127.0.0.1:port (0 = a free port) from a background thread."""

    def __init__(self, bus: UsbBus, port: int = 0, host: str = "127.0.0.1") -> None:
        self.bus = bus
        self._server = socketserver.ThreadingTCPServer((host, port), _Handler, bind_and_activate=False)
        self._server.daemon_threads = True
        self._server.allow_reuse_address = True
        self._server.server_bind()
        self._server.server_activate()
        self._server.bus = bus  # type: ignore[attr-defined]
        self._server.connections = set()  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, name="usb-bus", daemon=True)
        self._thread.start()
        log.info("emulated USB bus listening on 127.0.0.1:%d", self.port)

    def stop(self) -> None:
        """Like the hub losing power: the listener and every open connection go."""
        self._server.shutdown()
        self._server.server_close()
        for sock in list(self._server.connections):  # type: ignore[attr-defined]
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass
