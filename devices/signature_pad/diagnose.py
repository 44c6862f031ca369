"""Signature pad self-check: the device answers, then a pen test (the technician draws on the pad).

The system's pen tablet has no device to ask: its first check is the applicant's window (on which screen,
the signing box's size in millimetres, which pointers it accepts), then the same pen test, drawn in that
window; it names the pen the system reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.signature_pad.tablet import TabletSignaturePad

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

    if isinstance(pad, TabletSignaturePad):
        return run_steps(pad.kind, pad.implementation, [("window", lambda: _window(pad)), ("pen", lambda: _pen(pad))])
    return run_steps(pad.kind, pad.implementation, [("info", info), ("pen", pen)])


def _window(pad: TabletSignaturePad) -> str:
    surface = pad.surface()
    x0, y0, x1, y1 = surface.box_px
    pointers = strings.check("signature_pad.mouse_allowed" if pad.allow_mouse else "signature_pad.pen_only")
    return strings.check("signature_pad.tablet", screen=surface.screen or "?",
                         width=f"{(x1 - x0) / surface.px_per_mm:.0f}", height=f"{(y1 - y0) / surface.px_per_mm:.0f}",
                         px_per_mm=f"{surface.px_per_mm:.1f}", max_pressure=pad.info().max_pressure, pointers=pointers)


def _pen(pad: TabletSignaturePad) -> str:
    count, rate = pad.pen_test(PEN_TEST_S)
    if not pad.pen_name:  # a mouse, where the configuration allows one
        return strings.check("signature_pad.pen", count=count, rate_hz=round(rate))
    return strings.check("signature_pad.tablet_pen", device=pad.pen_name, count=count, rate_hz=round(rate))
