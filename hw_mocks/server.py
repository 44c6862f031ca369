"""The simulated-devices process: one threaded TCP server on loopback serving every simulated device.

Besides the devices, a "system" device answers ping/info, stops the server ("shutdown"), and injects one
fault into the next request to a device ("inject_fault"), so tests can break the link exactly where a real
one breaks: a garbled line, silence, a cut connection, or a device error.
"""

from __future__ import annotations

import json
import logging
import socket
import socketserver
import threading
import time
from pathlib import Path
from typing import Any

from hw_mocks.barcode.control import BarcodeSim
from hw_mocks.camera.control import CameraSim
from hw_mocks.data import resolve_data_dir
from hw_mocks.document_scanner.control import DocumentScannerSim
from hw_mocks.fingerprint import FingerprintSim
from hw_mocks.printer.socket_printer import SocketPrinterSim
from hw_mocks.protocol import MAX_REQUEST, PROTOCOL_VERSION, SimDevice, SimError, arg, error_line, ok_line
from hw_mocks.sbi.control import SbiSim
from hw_mocks.sbi.service import FIRST_PORT as SBI_FIRST_PORT
from hw_mocks.signature_pad.control import USB_ID as PAD_USB_ID
from hw_mocks.signature_pad.control import SignaturePadSim
from hw_mocks.smartcard.control import SmartCardSim
from hw_mocks.smartcard.pcscd import DEFAULT_VPCD_PORT
from hw_mocks.usb import UsbBus, UsbBusServer

log = logging.getLogger(__name__)

FAULTS = ("garbage", "hang", "drop", "error")


class SimulatedDevices:
    """All simulated devices and the request dispatch, independent of the transport."""

    def __init__(self, pki_dir: Path | None = None, data_dir: Path | str | None = None,
                 vpcd_port: int = DEFAULT_VPCD_PORT, camera_port: int = 0, scanner_port: int = 0,
                 printer_port: int = 0, printer_out: Path | None = None, sbi_port: int = SBI_FIRST_PORT) -> None:
        data = resolve_data_dir(data_dir)
        self.real_data = data is not None
        self.smartcard = SmartCardSim(pki_dir, vpcd_port)
        self.barcode = BarcodeSim()
        # The camera streams MJPEG over HTTP on its own port (0: a free one); the link only changes its scene.
        self.camera = CameraSim(data, camera_port)
        self.pad = SignaturePadSim()
        self.fingerprint = FingerprintSim(data)  # the applicant on the link, the scanner on the USB bus
        # The document scanner speaks eSCL over HTTP on its own port (SANE's escl backend reads it).
        self.scanner = DocumentScannerSim(scanner_port=scanner_port)
        # The printer takes jobs over AppSocket on its own port (CUPS's socket backend sends them).
        self.printer = SocketPrinterSim(printer_port, printer_out)
        # The SBI devices (MOSIP's interface) serve HTTP on the first free port from `sbi_port`; their
        # applicant is the USB scanner's and their face the camera's scene.
        self.sbi = SbiSim(self.fingerprint.applicant, self.camera, pki_dir, sbi_port)
        sims: list[SimDevice] = [self.camera, self.fingerprint, self.pad,
                                 self.barcode, self.scanner, self.smartcard, self.printer, self.sbi]
        self.devices: dict[str, SimDevice] = {s.name: s for s in sims}
        # USB devices (fingerprint scanner, signature pad) plug into this bus, served on its own port.
        self.usb = UsbBus()
        self.usb.attach(PAD_USB_ID, self.pad.pad)  # the signature pad: USB, its gestures on the link
        self.usb.attach("fingerprint", self.fingerprint.device)  # docs/fingerprint-scanner.md
        self._faults: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.on_shutdown: Any = None  # set by the server: called after the shutdown reply is sent

    def take_fault(self, device: str) -> dict[str, Any] | None:
        with self._lock:
            return self._faults.pop(device, None)

    def dispatch(self, device: str, op: str, args: dict[str, Any]) -> dict[str, Any]:
        if device == "system":
            return self._system(op, args)
        sim = self.devices.get(device)
        if sim is None:
            raise SimError("link.unknown_device", f"no device {device!r}; known: {sorted(self.devices)}")
        handler = sim.ops().get(op) or sim.control_ops().get(op)
        if handler is None:
            raise SimError("link.unknown_op", f"device {device!r} has no op {op!r}")
        return handler(args)

    def _system(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        if op == "ping":
            return {"pong": True, "version": PROTOCOL_VERSION}
        if op == "info":
            return {"version": PROTOCOL_VERSION, "devices": sorted(self.devices), "real_data": self.real_data,
                    "cards": sorted(self.smartcard.cards), "card": self.smartcard.inserted,
                    "vpcd_port": self.smartcard.vpcd_port}
        if op == "inject_fault":
            device, fault = arg(args, "device", str), arg(args, "fault", str)
            if fault not in FAULTS:
                raise SimError("link.bad_args", f"fault must be one of {FAULTS}")
            with self._lock:
                self._faults[device] = dict(args)
            return {}
        if op == "shutdown":
            return {"stopping": True}
        raise SimError("link.unknown_op", f"device 'system' has no op {op!r}")


class _Handler(socketserver.StreamRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        sims = self.server.sims
        self.server.track(self.connection, add=True)
        try:
            while True:
                raw = self.rfile.readline(MAX_REQUEST + 1)
                if not raw:
                    return
                reply, after = self._answer(sims, raw)
                if reply is None:
                    return  # "drop" fault: close without a word
                self.wfile.write(reply)
                self.wfile.flush()
                if after == "shutdown" and sims.on_shutdown is not None:
                    sims.on_shutdown()
        except OSError:
            return  # the client went away or the server is stopping
        finally:
            self.server.track(self.connection, add=False)

    def _answer(self, sims: SimulatedDevices, raw: bytes) -> tuple[bytes | None, str]:
        try:
            request = json.loads(raw) if raw.endswith(b"\n") else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            request = None
        if not isinstance(request, dict):
            return error_line(None, SimError("link.bad_request", "not one JSON object per line")), ""
        rid, device, op = request.get("id"), request.get("device"), request.get("op")
        args = request.get("args", {})
        if not isinstance(device, str) or not isinstance(op, str) or not isinstance(args, dict):
            return error_line(rid, SimError("link.bad_request", "device and op must be strings")), ""
        fault = sims.take_fault(device)
        if fault is not None:
            return self._fault(rid, fault), ""
        started = time.monotonic()
        try:
            result = sims.dispatch(device, op, args)
            reply = ok_line(rid, result)
            outcome = "ok"
        except SimError as exc:
            reply, outcome = error_line(rid, exc), exc.code
        except Exception:  # a simulator bug must not kill the connection silently
            log.exception("simulator %s.%s failed", device, op)
            reply, outcome = error_line(rid, SimError("device.failed", "internal simulator error")), "bug"
        # Never log args: they may hold a PIN.
        log.debug("%s.%s -> %s (%.0f ms)", device, op, outcome, (time.monotonic() - started) * 1000)
        return reply, ("shutdown" if device == "system" and op == "shutdown" else "")

    @staticmethod
    def _fault(rid: Any, fault: dict[str, Any]) -> bytes | None:
        kind = fault.get("fault")
        if kind == "garbage":
            return b"\x00\xffthis is not json}\n"
        if kind == "hang":
            time.sleep(float(fault.get("seconds", 3.0)))
            return None
        if kind == "error":
            code = str(fault.get("code", "device.failed"))
            return error_line(rid, SimError(code, "injected fault", dict(fault.get("details", {}))))
        return None  # drop


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sims: SimulatedDevices) -> None:
        self.sims = sims
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, conn: socket.socket, add: bool) -> None:
        with self._conn_lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def close_connections(self) -> None:
        with self._conn_lock:
            conns = list(self._connections)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class SimServer:
    """The server plus its devices. `start()` serves from a thread; `serve_forever()` from the caller's."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, pki_dir: Path | None = None,
                 data_dir: Path | str | None = None, vpcd_port: int = DEFAULT_VPCD_PORT,
                 usb_port: int = 0, camera_port: int = 0, scanner_port: int = 0, printer_port: int = 0,
                 printer_out: Path | None = None, sbi_port: int = SBI_FIRST_PORT) -> None:
        self.sims = SimulatedDevices(pki_dir, data_dir, vpcd_port, camera_port, scanner_port, printer_port,
                                     printer_out, sbi_port)
        self._server = _TCPServer((host, port), self.sims)
        self.usb_server = UsbBusServer(self.sims.usb, usb_port, host)
        self.sims.on_shutdown = lambda: threading.Thread(target=self.stop, daemon=True).start()
        self.stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._stop_lock = threading.Lock()
        self._serving = False  # BaseServer.shutdown() would wait forever on a server never served

    @property
    def host(self) -> str:
        return self._server.server_address[0]

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def usb_port(self) -> int:
        return self.usb_server.port

    @property
    def camera_url(self) -> str:
        return self.sims.camera.stream.url

    @property
    def scanner_url(self) -> str:
        return self.sims.scanner.escl.url

    @property
    def printer_uri(self) -> str:
        return self.sims.printer.uri

    @property
    def sbi_port(self) -> int:
        return self.sims.sbi.service.port

    def _start_sbi(self) -> None:
        # Ports 4501-4600 all taken leaves the SBI devices off (logged), as the camera's busy port does.
        try:
            self.sims.sbi.start()
        except OSError as exc:
            log.error("SBI service not started: %s", exc)

    def start(self) -> None:
        self._serving = True
        self.usb_server.start()
        self.sims.camera.start()
        self.sims.scanner.escl.start()
        self.sims.printer.start()
        self._start_sbi()
        self._thread = threading.Thread(target=self.serve_forever, name="hw-mocks", daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        self._serving = True
        if self._thread is None:  # foreground: start() did not start the bus
            self.usb_server.start()
            self.sims.camera.start()
            self.sims.scanner.escl.start()
            self.sims.printer.start()
            self._start_sbi()
        log.info("hw-mocks listening on %s:%d", self.host, self.port)
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            self.stopped.set()

    def stop(self) -> None:
        """Stop accepting, cut the open connections (clients then see the device as gone), free the port."""
        with self._stop_lock:
            if self._server.socket.fileno() == -1:
                return
            if self._serving:
                self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self.usb_server.stop()
            self.sims.camera.close()
            self.sims.scanner.escl.close()
            self.sims.printer.close()
            self.sims.sbi.close()
            self.sims.smartcard.close()  # pull the card out of the vpcd reader
        self.stopped.set()
