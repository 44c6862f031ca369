"""Barcode reader self-check, per implementation: what the technician can see of the reader from here.

Simulated: present and answering (it never reads, so no pending scan is lost). Serial: the port opens.
Camera: frames arrive and one is searched for codes. Keyboard wedge: the window catches the reader's keys,
and a test code scanned during the diagnosis arrives (its length only is reported: a code may be personal).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from devices import strings
from devices.barcode.camera_reader import CameraBarcodeReader, decode
from devices.barcode.serial_reader import SerialBarcodeReader
from devices.barcode.wedge_reader import WedgeBarcodeReader
from devices.diagnosis import Diagnosis, Step, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.barcode.driver import BarcodeReader

TEST_SCAN_S = 20.0  # the technician is asked to scan a code meanwhile


def diagnose_reader(reader: BarcodeReader) -> Diagnosis:
    if isinstance(reader, SerialBarcodeReader):
        steps = _serial(reader)
    elif isinstance(reader, CameraBarcodeReader):
        steps = _camera(reader)
    elif isinstance(reader, WedgeBarcodeReader):
        steps = _wedge(reader)
    else:
        steps = _answering(reader)
    return run_steps(reader.kind, reader.implementation, steps)


def _answering(reader: BarcodeReader) -> list[Step]:
    def ready() -> str:
        reader.ping()
        return strings.check("barcode.ready")

    return [("ready", ready)]


def _serial(reader: SerialBarcodeReader) -> list[Step]:
    def port() -> str:
        reader.ping()
        return strings.check("barcode.serial_open", port=reader.port, baud=reader.baudrate)

    return [("port", port)]


def _camera(reader: CameraBarcodeReader) -> list[Step]:
    def stream() -> str:
        image = reader.camera.read_frame().image
        h, w = image.shape[:2]
        started = time.perf_counter()
        count = len(decode(image))
        ms = (time.perf_counter() - started) * 1000
        return strings.check("barcode.camera_decode", width=w, height=h, ms=f"{ms:.0f}", count=count)

    return [("decode", stream)]


def _wedge(reader: WedgeBarcodeReader) -> list[Step]:
    def capture() -> str:
        reader.ping()
        return strings.check("barcode.wedge_capture", gap=f"{reader.settings.max_gap_ms:g}")

    def test_scan() -> str:
        try:
            code = reader.read(TEST_SCAN_S)
        except DeviceError as exc:
            if exc.code != "barcode.timeout":
                raise
            raise DeviceError(exc.code, strings.check("barcode.no_test_scan", seconds=f"{TEST_SCAN_S:g}")) from None
        return strings.check("barcode.test_scan", length=len(code.text))

    return [("capture", capture), ("scan", test_scan)]
