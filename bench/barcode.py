"""Barcode figures: the keyboard wedge's delay from a reader's last key to the code in the waiting step,
and the camera reader's decoding of one 1280×720 frame.

Wedge: a reader's burst (a pre-application number and Enter, keys microseconds apart) is sent as key events
to a focused field through the application, where the window's filter (station/ui/wedge_filter.py)
classifies it; the figure is the median time from sending the last key to `read()` returning the code on
the reader's worker thread. Camera: hw-mocks' virtual camera frame with a QR code held up before it
(scene and sensor noise included), decoded by the camera reader (grey conversion and zxing-cpp).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402 - after the platform choice
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from bench._timing import median_ms  # noqa: E402
from devices.barcode import WedgeBarcodeReader  # noqa: E402
from devices.barcode.camera_reader import decode  # noqa: E402
from devices.worker import DeviceWorker  # noqa: E402
from hw_mocks.camera.control import CameraSim  # noqa: E402
from hw_mocks.data import resolve_data_dir  # noqa: E402
from station.ui.wedge_filter import WedgeFilter  # noqa: E402

Figure = tuple[str, float, str]
CODE = "PD7K2M9TR4"
SCANS = 50
DECODES = 20


def _key(char: str) -> QKeyEvent:
    key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char)


def wedge() -> Iterator[Figure]:
    app = QApplication.instance() or QApplication([])
    reader = WedgeBarcodeReader()
    wedge_filter = WedgeFilter(reader.settings, reader.deliver)
    app.installEventFilter(wedge_filter)
    field = QLineEdit()
    field.show()
    worker = DeviceWorker("barcode")
    delays: list[float] = []
    try:
        for _ in range(SCANS):
            waiting = worker.submit(lambda: (reader.read(5.0).text, time.perf_counter()))
            for char in CODE:
                QApplication.sendEvent(field, _key(char))
            last = time.perf_counter()
            QApplication.sendEvent(field, _key("\r"))
            text, read_at = waiting.result(10)
            if text != CODE or field.text():
                raise RuntimeError("the wedge filter let the scan through or lost it")
            delays.append((read_at - last) * 1e6)
    finally:
        app.removeEventFilter(wedge_filter)
        worker.stop()
        field.close()
    yield "barcode.wedge_keystroke_to_code", round(statistics.median(delays), 1), "µs"


def camera() -> Iterator[Figure]:
    sim = CameraSim(resolve_data_dir(None))
    sim.show({"text": CODE, "symbology": "QR"})
    frame = sim.frame(1280, 720)
    if [code.text for code in decode(frame)] != [CODE]:
        raise RuntimeError("the camera reader did not decode the held-up code")
    yield "barcode.camera_decode_1280x720", median_ms(lambda: decode(frame), DECODES), "ms"


def figures(tmp: Path) -> Iterator[Figure]:
    yield from wedge()
    yield from camera()
