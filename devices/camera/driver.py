"""The camera interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.camera.diagnose import diagnose_camera
from devices.camera.model import CameraInfo, Frame
from devices.diagnosis import Diagnosis
from devices.worker import assert_not_gui_thread


class Camera(Driver):
    kind = "camera"

    @abstractmethod
    def info(self) -> CameraInfo:
        """Resolution and frame rate of the live stream, as measured."""

    @abstractmethod
    def read_frame(self) -> Frame:
        """The latest frame of the live stream, at once (it never waits for the next one)."""

    def expected(self) -> CameraInfo | None:
        """The configured mode the diagnosis compares against; None when the driver has none."""
        return None

    def diagnose(self) -> Diagnosis:
        assert_not_gui_thread()
        return diagnose_camera(self, self.expected())
