"""The camera read through OpenCV: a USB/V4L2 camera by index, or a network stream (MJPEG over HTTP,
RTSP...) or a file by URL/path, as FFMPEG reads it. The demo and the tests read the virtual camera of
hw-mocks this way (docs/simulated-devices.md, "Camera"), so the station runs this very driver.

Frames come from a capture thread of the driver's own (devices/camera/capture.py), started on first use;
`read_frame()` hands out its newest frame at once, so the preview runs at the camera's rate.
"""

from __future__ import annotations

import time

from devices import strings
from devices.camera.capture import FrameGrabber
from devices.camera.driver import Camera
from devices.camera.model import CameraInfo, Frame
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

FIRST_FRAME_WAIT_S = 10.0  # a first open: connecting, and the virtual camera composing its first scene
# A frame older than this means the stream stalled (the capture thread's read timeout is 3 s): the
# preview must say so rather than show a frozen picture.
STALE_S = 2.0


class OpenCvCamera(Camera):
    implementation = "opencv"

    def __init__(self, source: str, width: int = 1280, height: int = 720, fps: float = 15.0) -> None:
        self.source = source
        self._expected = CameraInfo(width, height, fps)
        self._grabber: FrameGrabber | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> OpenCvCamera:
        return cls(settings.camera_source, settings.camera_width, settings.camera_height, settings.camera_fps)

    def expected(self) -> CameraInfo:
        return self._expected

    def read_frame(self) -> Frame:
        assert_not_gui_thread()
        grabber = self._started()
        frame = grabber.latest()
        if frame is None and not grabber.live and grabber.attempts == 0:
            grabber.wait_attempt(FIRST_FRAME_WAIT_S)  # the first connection is under way
            frame = grabber.latest()
        if frame is None or not grabber.live or time.time() - frame.timestamp > STALE_S:
            raise DeviceError("camera.unavailable", strings.message("camera.unavailable"))
        return frame

    def info(self) -> CameraInfo:
        assert_not_gui_thread()
        frame = self.read_frame()
        h, w = frame.image.shape[:2]
        assert self._grabber is not None
        measured = self._grabber.measured_fps()
        return CameraInfo(width=w, height=h, fps=round(measured, 1) if measured else self._expected.fps)

    def close(self) -> None:
        grabber, self._grabber = self._grabber, None
        if grabber is not None:
            grabber.stop()

    def _started(self) -> FrameGrabber:
        if self._grabber is None:
            e = self._expected
            self._grabber = FrameGrabber(self.source, e.width, e.height, e.fps)
        return self._grabber
