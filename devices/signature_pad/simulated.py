"""The signature pad served by hw-mocks: a pen trace as [x, y, pressure, t_ms] rows."""

from __future__ import annotations

from typing import Any

from devices import strings
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.signature_pad.driver import SignaturePad
from devices.signature_pad.model import PadInfo, PenPoint, PenTrace
from devices.simlink import SimLink, field, link_for
from devices.worker import assert_not_gui_thread


class SimulatedSignaturePad(SignaturePad):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedSignaturePad:
        return cls(link_for(settings, cls.kind))

    def info(self) -> PadInfo:
        assert_not_gui_thread()
        r = self._link.call("info")
        return PadInfo(
            width=field(r, "width", int, self.kind),
            height=field(r, "height", int, self.kind),
            max_pressure=field(r, "max_pressure", int, self.kind),
            rate_hz=field(r, "rate_hz", int, self.kind),
        )

    def capture(self, timeout_s: float = 60.0) -> PenTrace:
        assert_not_gui_thread()
        r = self._link.call("capture", {"timeout_s": timeout_s}, extra_timeout_s=timeout_s)
        return PenTrace(
            points=self._points(field(r, "points", list, self.kind)),
            width=field(r, "width", int, self.kind),
            height=field(r, "height", int, self.kind),
            max_pressure=field(r, "max_pressure", int, self.kind),
        )

    def _points(self, rows: list[Any]) -> list[PenPoint]:
        points: list[PenPoint] = []
        for row in rows:
            if not (isinstance(row, list) and len(row) == 4 and all(type(v) is int for v in row)):
                raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=self.kind))
            points.append(PenPoint(*row))
        return points

    def close(self) -> None:
        self._link.close()
