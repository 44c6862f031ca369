"""Signature pad self-check: the device answers, then a pen test (the technician draws on the pad)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps

if TYPE_CHECKING:
    from devices.signature_pad.driver import SignaturePad

PEN_TEST_S = 10.0


def diagnose_pad(pad: SignaturePad) -> Diagnosis:
    def info() -> str:
        i = pad.info()
        mm = (f"{i.width / i.units_per_mm:.0f}×{i.height / i.units_per_mm:.0f} mm" if i.units_per_mm
              else strings.check("signature_pad.size_unknown"))
        return strings.check("signature_pad.info", model=i.model or "?", width=i.width, height=i.height, mm=mm,
                             max_pressure=i.max_pressure, rate_hz=i.rate_hz)

    def pen() -> str:
        count, rate = pad.pen_test(PEN_TEST_S)
        return strings.check("signature_pad.pen", count=count, rate_hz=round(rate))

    return run_steps(pad.kind, pad.implementation, [("info", info), ("pen", pen)])
