"""The USB fingerprint scanner speaking our command set (protocol.py, docs/fingerprint-scanner.md) over pyusb.

The same code drives a real scanner through libusb and the emulated one of hw-mocks through the `sim://`
backend (devices/transport/usb). pyusb's failures are turned into the layer's DeviceError here and nowhere else:
ENODEV (cable pulled) drops the handle so that the next call finds the device again once replugged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import usb.core
import usb.util

from devices import strings
from devices.errors import DeviceError
from devices.fingerprint import protocol as p
from devices.fingerprint.driver import FingerprintScanner
from devices.fingerprint.model import FINGER_POSITIONS, FingerImage, ScannerInfo
from devices.fingerprint.transfer import read_image
from devices.settings import DeviceSettings
from devices.transport.usb import usb_backend
from devices.transport.usb.errors import usb_error
from devices.worker import assert_not_gui_thread

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_MS = 2000  # one command and its reply; the scanner answers at once
POLL_S = 0.05  # status polling while waiting for a finger
STALE_FRAMES = 4  # replies of an earlier, abandoned command the scanner may still hold


class UsbFingerprintScanner(FingerprintScanner):
    implementation = "usb"

    def __init__(self, backend: str = "libusb", vendor_id: int = p.VENDOR_ID, product_id: int = p.PRODUCT_ID) -> None:
        self._backend_spec = backend
        self._ids = (vendor_id, product_id)
        self._dev: usb.core.Device | None = None
        self._sequence = 0
        self._info: p.DeviceInfo | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> UsbFingerprintScanner:
        return cls(settings.usb_backend)

    # Public API (each call on the device's worker thread) ---------------------------------------------------

    def info(self) -> ScannerInfo:
        assert_not_gui_thread()
        i = self._device_info(refresh=True)
        return ScannerInfo(vendor=i.vendor, model=i.model, ppi=i.ppi, width=i.width, height=i.height,
                           serial=i.serial, firmware=i.firmware)

    def capture(self, position: str, timeout_s: float = 10.0, exceptions: tuple[str, ...] = ()) -> FingerImage:
        # One finger at a time on this scanner: the exceptions concern none of its captures.
        assert_not_gui_thread()
        if position not in FINGER_POSITIONS:
            raise DeviceError("fingerprint.bad_position", strings.message("fingerprint.bad_position"))
        started = time.monotonic()
        self._start(int(position), timeout_s, 0)
        status = self._wait_ready(timeout_s)
        pixels = self._read(status)
        log.info("fingerprint captured", extra={"position": position, "bytes": status.image_size,
                                                "chunks": status.chunks,
                                                "duration_ms": round((time.monotonic() - started) * 1000)})
        return FingerImage(pixels=pixels, ppi=self._device_info().ppi)

    def platen_image(self) -> FingerImage:
        """The empty glass, imaged at once: the self-test image diagnose() judges for cleanliness."""
        assert_not_gui_thread()
        self._start(0, 1.0, p.FLAG_PLATEN)
        return FingerImage(pixels=self._read(self._wait_ready(2.0)), ppi=self._device_info().ppi)

    def finger_present(self) -> bool:
        assert_not_gui_thread()
        return self._status().finger_present

    def set_led(self, finger: str | None, colour: str, blink: bool = False) -> None:
        """Guide the applicant: `colour` "green" (good), "red" (again), "amber" (place the finger) or "off"."""
        assert_not_gui_thread()
        try:
            led = p.Led[colour.upper()]
        except KeyError:
            raise ValueError(f"LED colour must be one of {[c.name.lower() for c in p.Led]}") from None
        target = int(finger) if finger in FINGER_POSITIONS else 0
        self._command(p.Command.SET_LED, p.set_led(target, led, blink))

    def abort(self) -> None:
        assert_not_gui_thread()
        self._command(p.Command.ABORT)

    def close(self) -> None:
        self._drop()

    # Capture steps ---------------------------------------------------------------------------------------------

    def _start(self, position: int, timeout_s: float, flags: int) -> None:
        payload = p.start_capture(position, max(1, int(timeout_s * 1000)), flags)
        status, _ = self._exchange(p.Command.START_CAPTURE, payload)
        if status == p.Status.BUSY:  # a capture left running (the station gave up on it): start afresh
            self._command(p.Command.ABORT)
            status, _ = self._exchange(p.Command.START_CAPTURE, payload)
        self._check(status)

    def _wait_ready(self, timeout_s: float) -> p.CaptureStatus:
        # The scanner times the capture out itself; our own deadline only covers a scanner that never does.
        deadline = time.monotonic() + timeout_s + 2.0
        while True:
            status = self._status()
            if status.state == p.State.READY:
                return status
            if status.state == p.State.TIMEOUT or time.monotonic() > deadline:
                if status.state != p.State.TIMEOUT:
                    self._command(p.Command.ABORT)
                raise DeviceError("fingerprint.timeout", strings.message("fingerprint.timeout"))
            if status.state in (p.State.ABORTED, p.State.IDLE):
                raise DeviceError("fingerprint.aborted", strings.message("fingerprint.aborted"))
            time.sleep(POLL_S)

    def _read(self, status: p.CaptureStatus) -> np.ndarray:
        info = self._device_info()
        data = read_image(lambda i: self._exchange(p.Command.READ_CHUNK, p.read_chunk(i)), status)
        if len(data) != info.width * info.height:
            raise DeviceError("fingerprint.transfer", strings.message("fingerprint.transfer"))
        import numpy as np  # with the first print, not with the station's start

        return np.frombuffer(data, np.uint8).reshape(info.height, info.width).copy()

    def _status(self) -> p.CaptureStatus:
        with self._bad_replies():
            return p.parse_status(self._command(p.Command.GET_STATUS))

    def _device_info(self, refresh: bool = False) -> p.DeviceInfo:
        if self._info is None or refresh:
            with self._bad_replies():
                self._info = p.parse_info(self._command(p.Command.GET_INFO))
        return self._info

    @contextmanager
    def _bad_replies(self) -> Iterator[None]:
        # A well-framed reply whose body is malformed is the same fault as a damaged frame.
        try:
            yield
        except p.FrameError:
            raise DeviceError("fingerprint.protocol", strings.message("fingerprint.protocol")) from None

    # Frames on the bulk endpoints ------------------------------------------------------------------------------

    def _command(self, code: p.Command, payload: bytes = b"") -> bytes:
        """Send a command and return its reply's body; a bad reply or a refusal is a DeviceError."""
        try:
            status, body = self._exchange(code, payload)
        except p.FrameError:
            raise DeviceError("fingerprint.protocol", strings.message("fingerprint.protocol")) from None
        self._check(status)
        return body

    def _exchange(self, code: p.Command, payload: bytes = b"") -> tuple[int, bytes]:
        """One command, one reply: (status, body). Raises FrameError when the reply is damaged."""
        with self._usb_errors():
            dev = self._open()
            self._sequence = (self._sequence + 1) & 0xFFFF
            dev.write(p.EP_OUT, p.encode(code, self._sequence, payload), COMMAND_TIMEOUT_MS)
            for _ in range(STALE_FRAMES + 1):
                raw = bytes(dev.read(p.EP_IN, p.HEADER_SIZE + p.MAX_PAYLOAD + p.CRC_SIZE, COMMAND_TIMEOUT_MS))
                frame = p.decode(raw)
                if frame.sequence == self._sequence and frame.code == code | p.REPLY and frame.payload:
                    return frame.payload[0], frame.payload[1:]
            raise p.FrameError("no reply to this command")

    def _check(self, status: int) -> None:
        if status == p.Status.OK:
            return
        if status == p.Status.BUSY:
            raise DeviceError("fingerprint.busy", strings.message("fingerprint.busy"))
        code = p.Status(status).name if status in p.Status._value2member_map_ else f"0x{status:02X}"
        raise DeviceError("fingerprint.device_error", strings.message("fingerprint.device_error", code=code),
                          {"status": code})

    def _open(self) -> usb.core.Device:
        if self._dev is not None:
            return self._dev
        vendor, product = self._ids
        dev = usb.core.find(idVendor=vendor, idProduct=product, backend=usb_backend(self._backend_spec))
        if dev is None:
            raise DeviceError("fingerprint.not_found", strings.message("fingerprint.not_found"),
                              {"usb_id": f"{vendor:04x}:{product:04x}"})
        dev.set_configuration()
        usb.util.claim_interface(dev, p.INTERFACE)
        self._dev = dev
        return dev

    def _drop(self) -> None:
        dev, self._dev, self._info = self._dev, None, None
        if dev is not None:
            try:
                usb.util.release_interface(dev, p.INTERFACE)
            except usb.core.USBError:
                pass  # a device already gone has nothing left to release
            usb.util.dispose_resources(dev)

    @contextmanager
    def _usb_errors(self) -> Iterator[None]:
        try:
            yield
        except usb.core.USBError as exc:
            # A timed-out reply may still come: a fresh handle and sequence leave it behind.
            self._drop()
            raise usb_error(exc, "fingerprint") from None
