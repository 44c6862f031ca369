"""The emulated USB fingerprint scanner: answers our command set (docs/fingerprint-scanner.md) on the bus.

A flat single-finger optical scanner, 500 ppi, 388 × 374 pixels of 8-bit grey (the sensor of FVC2002 DB1,
so the developer set's prints arrive pixel for pixel). Time is read from the clock at each status poll: the
finger lands `place_delay_s` after the capture starts, unless the applicant is away or lacks that finger,
then the capture runs out at its timeout. Faults a test can inject where they really happen: a corrupted
chunk on the wire, an unplug in the middle of a transfer, a dirty platen.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
import zlib
from dataclasses import dataclass

import numpy as np

from hw_mocks.fingerprint import frames as f
from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.usb import EmulatedUsbDevice, Endpoint, Identity, UsbFault

log = logging.getLogger(__name__)

VENDOR_ID, PRODUCT_ID = 0x1209, 0x000F  # pid.codes test range
WIDTH, HEIGHT, PPI = 388, 374, 500
CHUNK = 4096
FIRMWARE = "1.0.0-emu"
ACQUIRE_S = 0.05  # the finger is on the glass, the sensor integrates


@dataclass
class Led:
    finger: int = 0
    colour: str = "off"
    blink: bool = False


class FingerprintScannerDevice(EmulatedUsbDevice):
    def __init__(self, applicant: Applicant, serial: str = "EMU-FP-0001") -> None:
        super().__init__(Identity(VENDOR_ID, PRODUCT_ID, "Recueil", "FP-500 (émulé)", serial,
                                  bcd_device=0x0100),
                         [Endpoint(0x01), Endpoint(0x81)])
        self.applicant = applicant
        self.led = Led()
        self.led_history: list[Led] = []
        self.captures = 0  # captures started with a finger expected (not platen self-tests)
        self.dirty_platen = False
        self._faults = threading.Lock()
        self._corrupt = 0
        self._unplug_after: int | None = None
        self._reset_capture()

    # Faults ----------------------------------------------------------------------------------------------------

    def corrupt_next_chunks(self, count: int = 1) -> None:
        """Flip a bit in the next `count` image chunks sent (after their CRC was computed)."""
        with self._faults:
            self._corrupt = count

    def unplug_after_chunks(self, count: int) -> None:
        """Pull the cable when the host asks for chunk number `count` + 1 of an image."""
        with self._faults:
            self._unplug_after = count

    # USB ---------------------------------------------------------------------------------------------------------

    def reset(self) -> None:
        super().reset()
        self._reset_capture()

    def plug(self) -> None:
        super().plug()
        self._reset_capture()  # power comes back: the sensor starts idle, the LED off
        self.led = Led()

    def bulk_out(self, ep: int, data: bytes) -> None:
        if ep != 0x01:
            raise UsbFault("pipe", "commands go to endpoint 0x01")
        try:
            request = f.decode(data)
        except f.BadFrame as bad:
            self.send_in(0x81, f.reply(0, bad.sequence, f.BAD_FRAME))
            return
        handler = {f.GET_INFO: self._info, f.START_CAPTURE: self._start, f.GET_STATUS: self._status,
                   f.READ_CHUNK: self._chunk, f.SET_LED: self._set_led, f.ABORT: self._abort}.get(request.code)
        if handler is None:
            self.send_in(0x81, f.reply(request.code, request.sequence, f.BAD_COMMAND))
            return
        self.send_in(0x81, handler(request))

    # Commands ------------------------------------------------------------------------------------------------------

    def _info(self, r: f.Request) -> bytes:
        body = struct.pack(">HHHBH", PPI, WIDTH, HEIGHT, 8, CHUNK)
        i = self.identity
        body += f.text(i.manufacturer) + f.text(i.product) + f.text(i.serial) + f.text(FIRMWARE)
        return f.reply(r.code, r.sequence, f.OK, body)

    def _start(self, r: f.Request) -> bytes:
        try:
            position, flags, timeout_ms = struct.unpack(">BBI", r.payload)
        except struct.error:
            return f.reply(r.code, r.sequence, f.BAD_PARAMETER)
        if self._state in (f.WAITING, f.ACQUIRING):
            return f.reply(r.code, r.sequence, f.BUSY)
        if not (flags & f.FLAG_PLATEN) and not 1 <= position <= 10:
            return f.reply(r.code, r.sequence, f.BAD_PARAMETER)
        self._reset_capture()
        self._armed_at, self._timeout_s = time.monotonic(), timeout_ms / 1000
        if flags & f.FLAG_PLATEN:
            self._ready(self.platen_image())
        else:
            self.captures += 1
            self._state = f.WAITING
            # The finger the applicant will put down, rendered now (a synthetic one takes a few hundred ms).
            self._finger = self.applicant.finger_for(str(position))
        return f.reply(r.code, r.sequence, f.OK)

    def _status(self, r: f.Request) -> bytes:
        self._advance()
        present = self._state in (f.ACQUIRING, f.READY) and self._finger is not None
        size = len(self._image) if self._image is not None else 0
        body = struct.pack(">BBIIH", self._state, int(present), size, self._crc, self._count)
        return f.reply(r.code, r.sequence, f.OK, body)

    def _chunk(self, r: f.Request) -> bytes:
        try:
            (index,) = struct.unpack(">H", r.payload)
        except struct.error:
            return f.reply(r.code, r.sequence, f.BAD_PARAMETER)
        if self._state != f.READY or self._image is None or index >= self._count:
            return f.reply(r.code, r.sequence, f.NO_IMAGE)
        with self._faults:
            if self._unplug_after is not None and self._served >= self._unplug_after:
                self._unplug_after = None
                self.unplug()
                raise UsbFault("no_device", "device unplugged during the image transfer")
            corrupt = self._corrupt > 0
            self._corrupt -= int(corrupt)
        self._served += 1
        data = self._image[index * CHUNK:(index + 1) * CHUNK]
        frame = bytearray(f.reply(r.code, r.sequence, f.OK, struct.pack(">HH", index, self._count) + data))
        if corrupt:
            frame[f.HEADER.size + 5 + len(data) // 2] ^= 0x10  # a bit flipped on the wire
        return bytes(frame)

    def _set_led(self, r: f.Request) -> bytes:
        try:
            finger, colour, blink = struct.unpack(">BBB", r.payload)
        except struct.error:
            return f.reply(r.code, r.sequence, f.BAD_PARAMETER)
        if colour not in f.LED_COLOURS or finger > 10:
            return f.reply(r.code, r.sequence, f.BAD_PARAMETER)
        self.led = Led(finger, f.LED_COLOURS[colour], bool(blink))
        self.led_history.append(self.led)
        return f.reply(r.code, r.sequence, f.OK)

    def _abort(self, r: f.Request) -> bytes:
        running = self._state in (f.WAITING, f.ACQUIRING)
        self._reset_capture()
        self._state = f.ABORTED if running else f.IDLE
        return f.reply(r.code, r.sequence, f.OK)

    # The capture -------------------------------------------------------------------------------------------------

    def _reset_capture(self) -> None:
        self._state = f.IDLE
        self._finger: np.ndarray | None = None
        self._image: bytes | None = None
        self._crc = self._count = self._served = 0
        self._armed_at, self._timeout_s = 0.0, 0.0

    def _ready(self, pixels: np.ndarray) -> None:
        self._image = np.ascontiguousarray(pixels, np.uint8).tobytes()
        self._crc = zlib.crc32(self._image)
        self._count = -(-len(self._image) // CHUNK)
        self._state = f.READY

    def _advance(self) -> None:
        if self._state not in (f.WAITING, f.ACQUIRING):
            return
        elapsed = time.monotonic() - self._armed_at
        if self._finger is None:
            if elapsed >= self._timeout_s:
                self._state = f.TIMEOUT
            return
        lands = self.applicant.place_delay_s
        if elapsed >= lands + ACQUIRE_S:
            self._ready(self._finger)
        elif elapsed >= lands:
            self._state = f.ACQUIRING

    def platen_image(self) -> np.ndarray:
        """The empty glass: an even light field with sensor noise, or with a latent print's residue."""
        rng = np.random.default_rng(7)
        glass = 246.0 + rng.normal(0, 1.5, (HEIGHT, WIDTH))
        if self.dirty_platen:
            residue = self.applicant.source.image(self.applicant.who, "2")
            if residue is not None:  # the grease of the last finger, fainter
                glass -= 0.6 * (246.0 - residue.astype(np.float32)).clip(0, None)
        return glass.clip(0, 255).astype(np.uint8)
