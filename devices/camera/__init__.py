"""The camera that takes the applicant's photo: OpenCV reading a USB camera or a video stream.

No protocol.py: OpenCV speaks UVC or the stream's format for us, so the station has no wire format of its
own here. measures.py holds the image measures the diagnosis uses, capture.py the frame-grabbing thread.
"""

from devices.camera.driver import Camera
from devices.camera.model import CameraInfo, Frame
from devices.camera.opencv import OpenCvCamera

# Implementation name (as in the station's configuration) -> factory taking DeviceSettings.


def _sbi(settings):  # imported when configured: HTTP, X.509 and numpy must not weigh on every start
    from devices.camera.sbi import SbiCamera

    return SbiCamera.from_settings(settings)


IMPLEMENTATIONS = {
    "opencv": OpenCvCamera.from_settings,
    "sbi": _sbi,  # a certified camera's MOSIP SBI service (docs/sbi.md)
}

__all__ = ["IMPLEMENTATIONS", "Camera", "CameraInfo", "Frame", "OpenCvCamera"]
