"""An SBI device's self-check, for either kind: the service answers, which device it is, whether its signed
info is trusted, and its own status; the diagnosis carries that status (devices/status.py)."""

from __future__ import annotations

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.sbi.driver import SbiDriverBase
from devices.sbi.errors import sbi_error
from devices.sbi.model import SbiDevice
from devices.status import DeviceState

_STATE_CODES = {DeviceState.BUSY: "sbi.busy", DeviceState.NOT_READY: "sbi.not_ready",
                DeviceState.NOT_REGISTERED: "sbi.not_registered"}


def diagnose_sbi(driver: SbiDriverBase) -> Diagnosis:
    client = driver.client
    chosen: list[SbiDevice] = []

    def service() -> str:
        devices = client.devices()
        if client.preferred:
            devices = [d for d in devices if d.serial == client.preferred]
        if not devices:
            raise sbi_error("sbi.no_device", driver.kind)
        chosen.append(next((d for d in devices if d.state is DeviceState.READY), devices[0]))
        where = (strings.check("sbi.where_port", port=client.port) if client.port
                 else strings.check("sbi.where_range"))
        return strings.check("sbi.service", count=len(devices), where=where)

    def device() -> str:
        d = chosen[0]
        return strings.check("sbi.device", make=d.make or "?", model=d.model or "?", serial=d.serial or "?",
                             firmware=d.firmware or "?", certification=d.certification or "?",
                             provider=d.provider or "?", port=d.port)

    def trust() -> str:
        if chosen[0].distrust:
            raise sbi_error(chosen[0].distrust, driver.kind)
        return strings.check("sbi.trusted")

    def status() -> str:
        code = _STATE_CODES.get(chosen[0].state)
        if code:
            raise sbi_error(code, driver.kind)
        return strings.check("sbi.ready")

    def state() -> DeviceState | None:
        return chosen[0].state if chosen else None

    steps = [("service", service), ("device", device), ("trust", trust), ("status", status)]
    return run_steps(driver.kind, driver.implementation, steps, state)
