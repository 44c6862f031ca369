"""Signature figures: pen-report-to-screen latency in the signature step's live view, and the render time
of the title's image.

Latency: the emulated pad stamps each pen-down report as it queues it on the USB bus (perf_counter); the
report then goes through pyusb's sim:// backend, the driver's parser on the pad's worker thread, the queued
Qt signal, the canvas's off-screen drawing and its next repaint, which stamps how many points it shows.
A point's latency is the first repaint showing it minus its emission: median and 95th percentile over
every point of several signatures. Same process and clock on both ends; Qt offscreen.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 - after the platform choice

from devices.signature_pad import UsbSignaturePad  # noqa: E402
from devices.worker import DeviceWorker  # noqa: E402
from enrollment.signature import PenSample, SignatureSeries, render_signature  # noqa: E402
from hw_mocks.signature_pad.pad import EmulatedSignaturePad, Script  # noqa: E402
from hw_mocks.usb import UsbBus, UsbBusServer  # noqa: E402
from station.ui.signature_canvas import SignatureCanvas  # noqa: E402

Figure = tuple[str, float, str]
SIGNATURES = 3
RENDERS = 30


def _latencies(emitted: list[float], paints: list[tuple[float, int]]) -> list[float]:
    out, k = [], 0
    for i, sent in enumerate(emitted):
        while k < len(paints) and paints[k][1] <= i:
            k += 1
        if k == len(paints):
            break
        out.append((paints[k][0] - sent) * 1000)
    return out


def latency() -> Iterator[Figure]:
    app = QApplication.instance() or QApplication([])
    bus = UsbBus()
    pad = EmulatedSignaturePad(auto=False)  # real time: 200 reports a second, as a hand signs
    bus.attach("signature_pad", pad)
    server = UsbBusServer(bus)
    server.start()
    driver = UsbSignaturePad(f"sim://127.0.0.1:{server.port}")
    worker = DeviceWorker("signature_pad")
    canvas = SignatureCanvas()
    canvas.show()
    samples: list[float] = []
    try:
        for seed in range(1, SIGNATURES + 1):
            pad.queue_script(Script(seed=seed))

            future = worker.submit(driver.capture, 30.0, canvas.feed)
            while not future.done():
                app.processEvents()
                time.sleep(0.001)
            future.result()
            for _ in range(20):  # let the last batch reach the screen
                app.processEvents()
                time.sleep(0.002)
            samples += _latencies(pad.emitted, list(canvas.paint_log))
    finally:
        worker.submit(driver.close)
        worker.stop()
        server.stop()
        canvas.close()
    samples.sort()
    yield ("signature.pen_to_screen_latency_median", round(statistics.median(samples), 1), "ms")
    yield ("signature.pen_to_screen_latency_p95", round(samples[int(0.95 * (len(samples) - 1))], 1), "ms")


def render_time() -> Figure:
    from hw_mocks.signature_pad import handwriting
    from hw_mocks.signature_pad.pad import BOX, HEIGHT, MAX_PRESSURE, UNITS_PER_MM, WIDTH

    samples: list[PenSample] = []
    for stroke in handwriting.signature(1, BOX, MAX_PRESSURE):
        samples += [PenSample(x, y, p, t) for x, y, p, t in stroke]
        samples.append(PenSample(*stroke[-1][:2], 0, stroke[-1][3]))
    series = SignatureSeries(tuple(samples), WIDTH, HEIGHT, MAX_PRESSURE, BOX, UNITS_PER_MM)

    def once() -> float:
        fresh = SignatureSeries(series.samples, WIDTH, HEIGHT, MAX_PRESSURE, BOX, UNITS_PER_MM)  # no cached strokes
        t = time.perf_counter()
        render_signature(fresh)
        return (time.perf_counter() - t) * 1000

    return ("signature.render_title_image", round(statistics.median(once() for _ in range(RENDERS)), 2), "ms")


def figures(tmp: Path) -> Iterator[Figure]:
    yield from latency()
    yield render_time()
