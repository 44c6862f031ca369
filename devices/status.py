"""One status model for every kind of device: is it usable now, and if not, why.

SBI devices report their own status (Ready, Busy, Not Ready, Not Registered); the other drivers have none
of their own, so their status is read from their diagnosis: a device whose every check passed is ready, one
with a failed check is not, the failed check being the reason. Either way the diagnostics page shows the
same four states, and a device is usable only when its state is ready and every condition holds (an SBI
scanner that says Ready but whose certificate the station does not trust is not usable).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from devices import strings


class DeviceState(StrEnum):
    READY = "ready"
    BUSY = "busy"  # working for another client or another capture: try again shortly
    NOT_READY = "not_ready"  # there but unable: unplugged, warming up, failed a check
    NOT_REGISTERED = "not_registered"  # answers, but is not a device the station may trust (unknown)


@dataclass(frozen=True)
class Condition:
    """One thing that must hold for the device to be used (a diagnosis check, a signature verified…)."""

    name: str
    holds: bool
    detail: str


@dataclass(frozen=True)
class DeviceStatus:
    kind: str
    implementation: str
    state: DeviceState
    reason: str = ""  # French, for the agent or technician: why it is not usable ("" when it is)
    conditions: tuple[Condition, ...] = ()

    @property
    def usable(self) -> bool:
        return self.state is DeviceState.READY and all(c.holds for c in self.conditions)

    @property
    def state_text(self) -> str:
        return strings.message(f"device.state.{self.state.value}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "implementation": self.implementation, "state": self.state.value,
                "usable": self.usable, "reason": self.reason,
                "conditions": [{"name": c.name, "holds": c.holds, "detail": c.detail} for c in self.conditions]}


def status_of(kind: str, implementation: str, conditions: list[Condition],
              state: DeviceState | None = None, reason: str = "") -> DeviceStatus:
    """The status these conditions make: `state` when the device told its own, else ready when every
    condition holds; the reason is the first condition that fails unless one is given."""
    failing = next((c for c in conditions if not c.holds), None)
    if state is None:
        state = DeviceState.READY if failing is None else DeviceState.NOT_READY
    if not reason and failing is not None:
        reason = failing.detail
    return DeviceStatus(kind, implementation, state, reason, tuple(conditions))
