"""TPM self-check for the technician: reachable, who made it, and a seal/unseal round trip that keeps
nothing (a throwaway secret, flushed from the TPM)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.tpm.driver import Tpm


def diagnose_tpm(tpm: Tpm) -> Diagnosis:
    def reachable() -> str:
        info = tpm.info()
        return strings.check("tpm.info", manufacturer=info.manufacturer, vendor=info.vendor)

    def round_trip() -> str:
        probe = secrets.token_bytes(32)
        if tpm.unseal(tpm.seal(probe)) != probe:
            raise DeviceError("tpm.failed", strings.message("tpm.failed", code="round-trip"))
        return strings.check("tpm.seal")

    return run_steps(tpm.kind, tpm.implementation, [("tpm", reachable), ("seal", round_trip)])
