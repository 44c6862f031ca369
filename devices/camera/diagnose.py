"""Camera self-check: the link answers, the stream has a size, and a frame of that size arrives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.camera.driver import Camera
    from devices.camera.model import CameraInfo


def diagnose_camera(camera: Camera) -> Diagnosis:
    seen: list[CameraInfo] = []

    def info() -> str:
        seen.append(camera.info())
        i = seen[0]
        return strings.check("camera.info", width=i.width, height=i.height, fps=i.fps)

    def frame() -> str:
        image = camera.read_frame().image
        h, w = image.shape[:2]
        if (w, h) != (seen[0].width, seen[0].height):
            raise DeviceError(
                "camera.frame_size",
                strings.check("camera.frame_size", width=w, height=h,
                              expected=f"{seen[0].width}×{seen[0].height}"),
            )
        return strings.check("camera.frame", width=w, height=h)

    return run_steps(camera.kind, camera.implementation, [("info", info), ("frame", frame)])
