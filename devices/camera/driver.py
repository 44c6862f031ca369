"""The camera interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.camera.model import CameraInfo, Frame


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

    # A camera that takes the photo itself (a certified SBI camera signs it) says so; the photo step then
    # asks it for the still instead of keeping the last preview frame.
    takes_stills: bool = False

    def capture_still(self) -> Frame:
        """The photo taken by the device itself (only when `takes_stills`)."""
        raise NotImplementedError
