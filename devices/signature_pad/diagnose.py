"""Signature pad self-check (no capture: it would wait for a signer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps

if TYPE_CHECKING:
    from devices.signature_pad.driver import SignaturePad


def diagnose_pad(pad: SignaturePad) -> Diagnosis:
    def info() -> str:
        i = pad.info()
        return strings.check("signature_pad.info", width=i.width, height=i.height,
                             max_pressure=i.max_pressure, rate_hz=i.rate_hz)

    return run_steps(pad.kind, pad.implementation, [("info", info)])
