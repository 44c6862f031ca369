"""The emulated USB signature pad (docs/signature-pad.md): a person signs on it when the host asks.

When the host turns reporting on, the pad plays what is queued for this capture: by default (auto mode) a
signature of the next simulated person, pen reports at 200 Hz in real time, hovering between strokes, then
a tap on OK. Tests and the CLI queue other gestures (a dot, a line, a signature over the box, a bare OK) or
a fault (no pen data, garbage reports, the cable pulled halfway through).
"""

from __future__ import annotations

import struct
import threading
import time
from dataclasses import dataclass, field

from hw_mocks.signature_pad import handwriting
from hw_mocks.usb import EmulatedUsbDevice, Endpoint, Identity, UsbFault

VENDOR_ID, PRODUCT_ID = 0x1209, 0x0002
EP_IN = 0x82
WIDTH, HEIGHT, MAX_PRESSURE, RATE_HZ, UNITS_PER_MM = 9600, 6000, 1023, 200, 100  # 96 × 60 mm, like an STU-430
SCREEN = (320, 200)
BOX = (200, 800, 9400, 4700)  # the signing box; the prompt above it, the OK/Clear/Cancel strip below
BUTTONS_Y = 5000
AREA_OK, AREA_CLEAR, AREA_CANCEL = 1, 2, 3
REPORT = struct.Struct("<BBHHHH")
INFO = struct.Struct("<BBHHHHHHHHHHH")
GESTURES = ("signature", "dot", "line", "outside", "empty")
FAULTS = ("no-data", "garbage", "unplug")


@dataclass
class Script:
    """What the person at the pad does during one capture."""

    gesture: str = "signature"
    seed: int = 1
    ok: bool = True  # tap OK at the end
    fault: str | None = None
    garbage_every: int = 0  # mangle one report in N (0: none)


@dataclass
class PadScreen:
    prompt: str = ""
    reporting: bool = False
    clears: int = 0
    ink: int = 0  # pen-down reports drawn since the last clear


@dataclass
class EmulatedSignaturePad(EmulatedUsbDevice):
    identity: Identity = field(default_factory=lambda: Identity(
        VENDOR_ID, PRODUCT_ID, "Recueil (emulated)", "Recueil SP-430", "SP430-0001"))
    endpoints: list[Endpoint] = field(default_factory=lambda: [Endpoint(EP_IN, attributes=0x03, max_packet=64)])
    auto: bool = True  # sign by itself at every capture (the demo's applicant)
    speed: float = 1.0  # >1 plays the same reports faster (tests); the pad's timestamps stay real

    def __post_init__(self) -> None:
        super().__post_init__()
        self.screen = PadScreen()
        self.queue: list[Script] = []
        self.people = 0
        self.emitted: list[float] = []  # perf_counter of each pen-down report sent, for the latency bench
        self._stop = threading.Event()
        self._player: threading.Thread | None = None
        self._state = threading.Lock()

    # Host requests ----------------------------------------------------------------------------------------

    def vendor_control(self, request_type: int, request: int, value: int, index: int, data: bytes,
                       length: int) -> bytes:
        if request_type == 0xC0 and request == 0x01:
            return INFO.pack(1, 0, WIDTH, HEIGHT, MAX_PRESSURE, RATE_HZ, UNITS_PER_MM, *SCREEN, *BOX)[:length]
        if request_type == 0x40 and request == 0x02:
            self.screen.prompt = data.decode("utf-8", "replace")
            return b""
        if request_type == 0x40 and request == 0x03:
            self.screen.clears += 1
            self.screen.ink = 0
            return b""
        if request_type == 0x40 and request == 0x04:
            self._reporting(bool(value))
            return b""
        raise UsbFault("pipe", "unsupported control request")

    def _reporting(self, on: bool) -> None:
        self.screen.reporting = on
        self._stop.set()
        if self._player is not None and self._player is not threading.current_thread():
            self._player.join(2.0)
        self.flush()
        if not on:
            return
        with self._state:
            script = self.queue.pop(0) if self.queue else None
            if script is None and self.auto:
                self.people += 1
                script = Script(seed=self.people)
        if script is not None:
            self.play(script)

    def reset(self) -> None:
        self._stop.set()
        super().reset()

    def plug(self) -> None:
        self.screen = PadScreen()  # powered up again: idle screen, nothing streaming
        super().plug()

    def unplug(self) -> None:
        self._stop.set()
        super().unplug()

    # The person at the pad --------------------------------------------------------------------------------

    def queue_script(self, script: Script) -> None:
        """Plays at the next capture, or now when the host already waits for a signature."""
        with self._state:
            busy = self._player is not None and self._player.is_alive()
            if self.screen.reporting and not busy:
                self.play(script)
            else:
                self.queue.append(script)

    def play(self, script: Script) -> None:
        self._stop = threading.Event()
        self.emitted = []
        self._player = threading.Thread(target=self._play, args=(script, self._stop), name="pad-person",
                                        daemon=True)
        self._player.start()

    def _play(self, script: Script, stop: threading.Event) -> None:
        if script.fault == "no-data":
            return
        reports = _reports(script)
        cut = len(reports) * 2 // 5 if script.fault == "unplug" else len(reports)
        started = time.perf_counter()
        n = 0
        while n < cut:
            wait = started + reports[n][0] / 1000 / self.speed - time.perf_counter()
            if wait > 0 and stop.wait(wait):
                return
            if stop.is_set() or not self.plugged:
                return
            # Reports already due go out together (6 fit a 64-byte packet): what a pad does when the host
            # polls late, and what keeps a sped-up replay from flooding the bus.
            packet, stamps = b"", []
            while n < cut and len(packet) < 60 and started + reports[n][0] / 1000 / self.speed <= time.perf_counter():
                report = reports[n]
                if script.fault == "garbage" and n > 5 or script.garbage_every and n % script.garbage_every == 3:
                    self.send_in(EP_IN, _mangle(report[1], n))  # alone: a short report spoils its packet
                else:
                    packet += report[1]
                    if report[1][0] == 1 and report[1][1] & 1:
                        stamps.append(time.perf_counter())
                n += 1
            if packet:
                self.screen.ink += len(stamps)
                self.emitted += stamps
                self.send_in(EP_IN, packet)
        if cut < len(reports):
            self.unplug()


def _reports(script: Script) -> list[tuple[int, bytes]]:
    """(time ms, report) for the whole gesture: strokes, hovering between them, then the OK tap."""
    if script.gesture == "signature":
        strokes = handwriting.signature(script.seed, BOX, MAX_PRESSURE)
    elif script.gesture == "outside":
        strokes = handwriting.outside(script.seed, BOX, MAX_PRESSURE)
    elif script.gesture == "dot":
        strokes = handwriting.dot(BOX, MAX_PRESSURE)
    elif script.gesture == "line":
        strokes = handwriting.line(BOX, MAX_PRESSURE)
    else:
        strokes = []
    out: list[tuple[int, bytes]] = []
    t0 = 300  # the pen comes into range a moment after the screen appears
    last_t = t0
    for stroke in strokes:
        x, y = stroke[0][0], stroke[0][1]
        for k in range(6):  # approaching the surface
            out.append((t0 + stroke[0][3] - 5 * (6 - k), _pen(2, x, y, 0, t0 + stroke[0][3] - 5 * (6 - k))))
        for x, y, p, t in stroke:
            out.append((t0 + t, _pen(3, x, y, p, t0 + t)))
        last_t = t0 + stroke[-1][3] + 5
        out.append((last_t, _pen(2, x, y, 0, last_t)))  # lifted, still in range
    if script.ok:
        tap = last_t + 400
        out.append((tap, REPORT.pack(2, AREA_OK, 8000, BUTTONS_Y + 500, 0, tap & 0xFFFF)))
    return out


def _pen(status: int, x: int, y: int, pressure: int, t: int) -> bytes:
    return REPORT.pack(1, status, x, y, pressure, t & 0xFFFF)


def _mangle(packet: bytes, n: int) -> bytes:
    """A corrupted report: cut short, or an unknown report id."""
    return packet[:7] if n % 2 else b"\x7f" + packet[1:]
