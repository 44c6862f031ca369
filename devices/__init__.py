"""Device drivers of the station: one folder per kind of device, each with an abstract interface and its
implementations (`simulated`, speaking to hw-mocks; the agent card reader speaks PC/SC: `pcsc`). No Qt
here; calls run on DeviceWorkers.

The names below are loaded on first use (PEP 562): reading the device settings must not load every
driver and its USB and PC/SC libraries.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Check": "diagnosis", "Diagnosis": "diagnosis",
    "DeviceError": "errors",
    "FACTORIES": "registry", "DeviceHandle": "registry", "Devices": "registry", "open_devices": "registry",
    "DEFAULT_SIMULATOR_PORT": "settings", "KINDS": "settings", "DeviceSettings": "settings",
    "DeviceWorker": "worker", "assert_not_gui_thread": "worker",
}

__all__ = [  # literal, so that linters see the names
    "Check",
    "DEFAULT_SIMULATOR_PORT",
    "DeviceError",
    "DeviceHandle",
    "DeviceSettings",
    "DeviceWorker",
    "Devices",
    "Diagnosis",
    "FACTORIES",
    "KINDS",
    "assert_not_gui_thread",
    "open_devices",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'devices' has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)


if TYPE_CHECKING:
    from .diagnosis import Check, Diagnosis
    from .errors import DeviceError
    from .registry import FACTORIES, DeviceHandle, Devices, open_devices
    from .settings import DEFAULT_SIMULATOR_PORT, KINDS, DeviceSettings
    from .worker import DeviceWorker, assert_not_gui_thread
