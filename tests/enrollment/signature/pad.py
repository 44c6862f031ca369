"""An emulated USB signature pad on its own bus, driven through the real pyusb API (sim:// backend).

Shared by the device, domain and station tests of the signature: they all start from what the pad really
sends. The pad replays at `speed` × real time (its timestamps stay real), so tests do not wait seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.signature_pad import PenEvent, PenTrace, UsbSignaturePad
from enrollment.signature import PenSample, SignatureSeries
from hw_mocks.signature_pad.pad import EmulatedSignaturePad, Script
from hw_mocks.usb import UsbBus, UsbBusServer
from tests.devices.threads import off_main


class PadBus:
    def __init__(self, speed: float = 4.0) -> None:
        self.bus = UsbBus()
        self.pad = EmulatedSignaturePad(speed=speed, auto=False)
        self.bus.attach("signature_pad", self.pad)
        self.server = UsbBusServer(self.bus)
        self.server.start()
        self.backend = f"sim://127.0.0.1:{self.server.port}"
        self.driver = UsbSignaturePad(self.backend)
        self.events: list[PenEvent] = []

    def sign(self, gesture: str = "signature", seed: int = 1, **kw) -> PenTrace:
        """The applicant does `gesture` and taps OK; returns what the driver captured."""
        self.pad.queue_script(Script(gesture=gesture, seed=seed, **kw))
        return off_main(self.driver.capture, 10.0, self.events.append)

    def stop(self) -> None:
        off_main(self.driver.close)
        self.server.stop()


def series_of(trace: PenTrace) -> SignatureSeries:
    return SignatureSeries(tuple(PenSample(p.x, p.y, p.pressure, p.t_ms) for p in trace.points), trace.width,
                           trace.height, trace.max_pressure, trace.box, float(trace.units_per_mm), trace.rate_hz)


@pytest.fixture
def pad_bus() -> Iterator[PadBus]:
    b = PadBus()
    yield b
    b.stop()
