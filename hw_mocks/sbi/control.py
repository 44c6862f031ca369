"""Control operations on the link for the SBI devices: tests and the CLI change a device's status, slow
it down or break its next captures (the applicant's fingers and face are the USB scanner's and the camera's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hw_mocks.camera.control import CameraSim
from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.protocol import OpHandler, SimError, arg
from hw_mocks.sbi.device import STATUSES, SbiDevices
from hw_mocks.sbi.service import FIRST_PORT, SbiService
from hw_mocks.sbi.signing import DeviceKeys

# Names the tests use for the three devices.
NAMES = {"finger": "1", "slap": "2", "face": "3"}
FAULTS = ("busy", "bad_signature", "broken_chain", "no_finger")


class SbiSim:
    name = "sbi"

    def __init__(self, applicant: Applicant, camera: CameraSim, pki_dir: Path | None,
                 first_port: int = FIRST_PORT) -> None:
        self.devices = SbiDevices(applicant, camera, DeviceKeys.load(pki_dir))
        self.service = SbiService(self.devices, first_port=first_port)

    def ops(self) -> dict[str, OpHandler]:
        return {}  # the station speaks SBI over HTTP, not the link

    def control_ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "status": self.status, "fault": self.fault, "delay": self.delay,
                "clear": self.clear, "unregistered_keys": self.unregistered_keys}

    def _device(self, args: dict[str, Any]):
        name = arg(args, "device", str)
        device = self.devices.devices.get(NAMES.get(name, name))
        if device is None:
            raise SimError("link.bad_args", f"device is one of {sorted(NAMES)}")
        return device

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"port": self.service.port, "env": self.devices.env, "captures": self.devices.captures,
                "devices": {n: {"status": self.devices.devices[i].status, "faults": self.devices.devices[i].faults}
                            for n, i in NAMES.items()}}

    def status(self, args: dict[str, Any]) -> dict[str, Any]:
        status = arg(args, "status", str)
        if status not in STATUSES:
            raise SimError("link.bad_args", f"status is one of {STATUSES}")
        with self.devices.lock:
            self._device(args).status = status
        return self.info({})

    def fault(self, args: dict[str, Any]) -> dict[str, Any]:
        fault = arg(args, "fault", str)
        if fault not in FAULTS:
            raise SimError("link.bad_args", f"fault is one of {FAULTS}")
        with self.devices.lock:
            self._device(args).faults[fault] = int(arg(args, "count", int, 1))
        return self.info({})

    def delay(self, args: dict[str, Any]) -> dict[str, Any]:
        with self.devices.lock:
            self._device(args).faults["delay_s"] = float(arg(args, "seconds", float, 0.0))
        return self.info({})

    def clear(self, args: dict[str, Any]) -> dict[str, Any]:
        """Every device back to Ready, no fault, the trusted keys."""
        with self.devices.lock:
            for d in self.devices.devices.values():
                d.status, d.faults = "Ready", {}
            self.devices.keys = self._keys
        return self.info({})

    def unregistered_keys(self, args: dict[str, Any]) -> dict[str, Any]:
        """Sign with a key no provider the station trusts issued (a counterfeit or uncertified device)."""
        with self.devices.lock:
            self.devices.keys = DeviceKeys.self_made()
        return self.info({})

    def start(self) -> None:
        self._keys = self.devices.keys
        self.service.start()

    def close(self) -> None:
        self.service.stop()
