"""The camera that takes the applicant's photo."""

from devices.camera.driver import Camera
from devices.camera.model import CameraInfo, Frame
from devices.camera.simulated import SimulatedCamera

# Implementation name (as in the station's configuration) -> factory taking DeviceSettings.
IMPLEMENTATIONS = {"simulated": SimulatedCamera.from_settings}

__all__ = ["IMPLEMENTATIONS", "Camera", "CameraInfo", "Frame", "SimulatedCamera"]
