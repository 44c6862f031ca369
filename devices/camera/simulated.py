"""The camera served by hw-mocks: frames arrive as JPEG over the simulated device link."""

from __future__ import annotations

from devices.base import decode_image
from devices.camera.driver import Camera
from devices.camera.model import CameraInfo, Frame
from devices.settings import DeviceSettings
from devices.simlink import SimLink, decode_b64, field, link_for
from devices.worker import assert_not_gui_thread


class SimulatedCamera(Camera):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedCamera:
        return cls(link_for(settings, cls.kind))

    def info(self) -> CameraInfo:
        assert_not_gui_thread()
        r = self._link.call("info")
        return CameraInfo(
            width=field(r, "width", int, self.kind),
            height=field(r, "height", int, self.kind),
            fps=float(field(r, "fps", int | float, self.kind)),
        )

    def read_frame(self) -> Frame:
        assert_not_gui_thread()
        r = self._link.call("read_frame")
        image = decode_image(decode_b64(r.get("jpeg"), self.kind), self.kind)
        return Frame(image=image, timestamp=float(field(r, "timestamp", int | float, self.kind)))

    def close(self) -> None:
        self._link.close()
