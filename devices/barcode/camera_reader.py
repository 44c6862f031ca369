"""The camera as a barcode reader: codes decoded from the live image with zxing-cpp.

Frames come from the camera driver (devices/camera/opencv.py, a USB camera or a video stream); each new
frame is searched for the formats the station reads: QR (pre-application), DataMatrix (2D-Doc, fee-stamp
flashcode), Code 128 (title envelopes) and PDF417.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from devices import strings
from devices.barcode.driver import BarcodeReader
from devices.barcode.model import Barcode
from devices.camera.opencv import OpenCvCamera
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

if TYPE_CHECKING:
    import numpy as np

    from devices.camera.driver import Camera

POLL_S = 0.01  # between two looks for a new frame (the camera gives 15 to 30 a second)
# zxing-cpp's format name -> the symbology the station names (devices/barcode/model.py).
SYMBOLOGIES = {"QRCode": "QR", "DataMatrix": "DATAMATRIX", "Code128": "CODE128", "PDF417": "PDF417"}


def decode(image: np.ndarray) -> list[Barcode]:
    """Every code of the read formats in a BGR or grey image, in zxing-cpp's order."""
    import cv2  # with the first frame, not with the station: OpenCV and zxing weigh on the cold start
    import numpy as np
    import zxingcpp

    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    formats = tuple(getattr(zxingcpp.BarcodeFormat, name) for name in SYMBOLOGIES)
    # Plain: the control characters (the 2D-Doc's GS separators) as themselves, not spelt "<GS>".
    found = zxingcpp.read_barcodes(np.ascontiguousarray(grey), formats=formats, text_mode=zxingcpp.TextMode.Plain)
    return [Barcode(symbology=SYMBOLOGIES.get(_name(code.format), _name(code.format)), text=code.text)
            for code in found if code.valid and code.text]


def _name(fmt: object) -> str:
    return getattr(fmt, "name", str(fmt)).replace(" ", "")


class CameraBarcodeReader(BarcodeReader):
    implementation = "camera"

    def __init__(self, camera: Camera) -> None:
        self.camera = camera
        self._last_sequence = -1
        self._in_view: set[str] = set()  # the codes of the last frame decoded

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> CameraBarcodeReader:
        source = settings.barcode_camera_source or settings.camera_source
        return cls(OpenCvCamera(source, settings.camera_width, settings.camera_height, settings.camera_fps))

    def read(self, timeout_s: float = 10.0) -> Barcode:
        """The first code come into view in a new frame. A code held before the camera is read once: it is
        read again only after a frame without it (taken away and shown again), like a counter scanner."""
        assert_not_gui_thread()
        deadline = time.monotonic() + max(timeout_s, 0.0)
        while True:
            frame = self.camera.read_frame()
            if frame.sequence != self._last_sequence:
                self._last_sequence = frame.sequence
                codes = decode(frame.image)
                new = [code for code in codes if code.text not in self._in_view]
                self._in_view = {code.text for code in codes}
                if new:
                    return new[0]
            if time.monotonic() >= deadline:
                raise DeviceError("barcode.timeout", strings.message("barcode.timeout"))
            time.sleep(POLL_S)

    def ping(self) -> None:
        assert_not_gui_thread()
        self.camera.read_frame()

    def close(self) -> None:
        self.camera.close()
