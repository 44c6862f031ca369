"""What a device diagnosis reports: a fixed set of fields, built only from catalogue text and numbers.

Diagnoses end up in support tickets, so they are allow-listed: `to_dict()` emits the declared fields and
nothing else, and the checks' details come from `strings.CHECKS` filled with counts and sizes. No image,
certificate subject, PIN or card number ever goes in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from devices import strings
from devices.errors import DeviceError
from devices.status import Condition, DeviceState, DeviceStatus, status_of

_MAX_DETAIL = 300


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    # Passed, but the technician should act (a store key kept in a file, a certificate about to expire):
    # shown as such, does not make the diagnosis fail.
    warning: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "warning": self.warning, "detail": self.detail[:_MAX_DETAIL]}


@dataclass(frozen=True)
class Diagnosis:
    device: str
    implementation: str
    ok: bool
    checks: list[Check] = field(default_factory=list)
    # The state the device reported itself (an SBI device's Busy, Not Registered…); None: read from the checks.
    state: DeviceState | None = None

    def status(self) -> DeviceStatus:
        """The device's status (devices/status.py): the checks are its conditions."""
        conditions = [Condition(c.name, c.ok, c.detail) for c in self.checks]
        return status_of(self.device, self.implementation, conditions, self.state)

    def to_dict(self) -> dict[str, Any]:
        status = self.status()
        return {
            "device": self.device,
            "implementation": self.implementation,
            "ok": self.ok,
            "state": status.state.value,
            "usable": status.usable,
            "checks": [c.to_dict() for c in self.checks],
        }


# A step runs one blocking device call and returns the detail text of its check.
Step = tuple[str, Callable[[], str]]


def run_steps(device: str, implementation: str, steps: Sequence[Step],
              state: Callable[[], DeviceState | None] | None = None) -> Diagnosis:
    """Run the steps in order and never raise: the first failure marks the later steps as skipped.
    `state`, called after the steps, gives the state the device reported of itself, if it has one.

    Diagnosing a dead device is exactly when it must not throw, so every exception is turned into a failed
    check; only the exception's type name is kept for unexpected ones (its text might hold anything).
    """
    checks: list[Check] = []
    failed = False
    for name, step in steps:
        if failed:
            checks.append(Check(name, False, strings.check("skipped")))
            continue
        try:
            checks.append(Check(name, True, step()))
        except DeviceError as exc:
            checks.append(Check(name, False, exc.message))
            failed = True
        except Exception as exc:  # noqa: BLE001 - a diagnosis reports, it does not crash
            checks.append(Check(name, False, strings.check("unexpected", kind=type(exc).__name__)))
            failed = True
    # `state`: what the device says of itself, asked once the steps ran (they may have learnt it).
    return Diagnosis(device, implementation, not failed, checks, state() if state is not None else None)
