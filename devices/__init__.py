"""Device drivers of the station: one folder per kind of device, each with an abstract interface and its
implementations (`simulated`, speaking to hw-mocks; the agent card reader speaks PC/SC: `pcsc`). No Qt
here; calls run on DeviceWorkers.
"""

from devices.diagnosis import Check, Diagnosis
from devices.errors import DeviceError
from devices.registry import FACTORIES, DeviceHandle, Devices, open_devices
from devices.settings import DEFAULT_SIMULATOR_PORT, KINDS, DeviceSettings
from devices.worker import DeviceWorker, assert_not_gui_thread

__all__ = [
    "DEFAULT_SIMULATOR_PORT",
    "FACTORIES",
    "KINDS",
    "Check",
    "DeviceError",
    "DeviceHandle",
    "DeviceSettings",
    "DeviceWorker",
    "Devices",
    "Diagnosis",
    "assert_not_gui_thread",
    "open_devices",
]
