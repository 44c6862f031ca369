"""A camera behind MOSIP's Secure Biometric Interface (devices/sbi/): the live preview is the device's STREAM
(M-JPEG), the photo is an RCAPTURE of the face, signed by the device and checked like every SBI capture,
then read back from its ISO/IEC 19794-5 record for the station's own ICAO checks.

A reader thread keeps the newest preview frame, as the OpenCV camera's does, and reopens the stream when
the device ends it (its timeout) or drops it, with a capped backoff, until the driver is closed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

import numpy as np

from devices import strings
from devices.base import decode_image
from devices.camera.driver import Camera
from devices.camera.model import CameraInfo, Frame
from devices.errors import DeviceError
from devices.sbi.driver import SbiDriverBase, client_for
from devices.sbi.errors import sbi_error
from devices.sbi.iso_records import RecordError, read_face_record
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

log = logging.getLogger(__name__)

STREAM_S = 300.0  # what one STREAM request asks for (the spec's default); reopened after
FIRST_FRAME_WAIT_S = 10.0
STALE_S = 2.0
RETRY_S = (0.2, 2.0)
CAPTURE_TIMEOUT_S = 10.0


class SbiCamera(SbiDriverBase, Camera):
    kind = "camera"
    takes_stills = True

    def __init__(self, client, expected: CameraInfo | None = None) -> None:
        super().__init__(client)
        self._expected = expected
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._sequence = 0
        self._arrivals: deque[float] = deque(maxlen=30)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SbiCamera:
        return cls(client_for("camera", "Face", settings),
                   CameraInfo(settings.camera_width, settings.camera_height, settings.camera_fps))

    def expected(self) -> CameraInfo | None:
        return None  # the mode is the device's own: there is nothing configured to compare with

    def read_frame(self) -> Frame:
        assert_not_gui_thread()
        self._start()
        with self._cond:
            if self._latest is None:
                self._cond.wait_for(lambda: self._latest is not None or self._stop.is_set(), FIRST_FRAME_WAIT_S)
            frame = self._latest
        if frame is None or time.time() - frame.timestamp > STALE_S:
            raise DeviceError("camera.unavailable", strings.message("camera.unavailable"))
        return frame

    def info(self) -> CameraInfo:
        frame = self.read_frame()
        h, w = frame.image.shape[:2]
        with self._cond:
            times = list(self._arrivals)
        fps = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0
        return CameraInfo(w, h, round(fps, 1))

    def capture_still(self) -> Frame:
        """The photo, taken and signed by the device (RCAPTURE Face), verified and decoded."""
        assert_not_gui_thread()
        try:
            device = self.device()
            captures = self.client.capture(device, {"type": "Face", "count": "1", "bioSubType": [], "exception": [],
                                                    "requestedScore": "40", "deviceSubId": "0"}, CAPTURE_TIMEOUT_S)
        except DeviceError as exc:
            self.forget_on(exc)
            raise
        try:
            record = read_face_record(captures[0].record)
        except RecordError:
            raise sbi_error("device.bad_reply", self.kind) from None
        return Frame(np.ascontiguousarray(record.image), time.time(), 0)

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        super().close()

    # -- the stream reader -----------------------------------------------------------------------------------

    def _start(self) -> None:
        if self._thread is None and not self._stop.is_set():
            self._thread = threading.Thread(target=self._run, name="sbi-camera-stream", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        wait = RETRY_S[0]
        while not self._stop.is_set():
            try:
                for jpeg in self.client.stream(self.device(), "0", STREAM_S):
                    self._arrived(decode_image(jpeg, self.kind))
                    wait = RETRY_S[0]
                    if self._stop.is_set():
                        break
            except DeviceError as exc:
                self.forget_on(exc)
                log.info("SBI camera stream: %s", exc.code)
            except Exception:  # noqa: BLE001 - the reader must survive anything the device sends
                log.exception("SBI camera stream failed")
            self._stop.wait(wait)
            wait = min(wait * 2, RETRY_S[1])

    def _arrived(self, image: np.ndarray) -> None:
        now = time.time()
        with self._cond:
            self._sequence += 1
            self._latest = Frame(image, now, self._sequence)
            self._arrivals.append(now)
            self._cond.notify_all()
