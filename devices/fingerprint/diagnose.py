"""Fingerprint scanner self-check. It does not capture: that would need a finger on the glass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps

if TYPE_CHECKING:
    from devices.fingerprint.driver import FingerprintScanner


def diagnose_scanner(scanner: FingerprintScanner) -> Diagnosis:
    def info() -> str:
        i = scanner.info()
        return strings.check("fingerprint.info", model=i.model, ppi=i.ppi, width=i.width, height=i.height)

    return run_steps(scanner.kind, scanner.implementation, [("info", info)])
