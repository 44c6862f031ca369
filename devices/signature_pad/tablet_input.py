"""What the applicant's window hands the tablet driver, and how it becomes the pad's points (no Qt).

The window (station/ui/tablet_window.py) turns each tablet, mouse or touch event Qt gives it into a
`TabletSample`: the position in the signing surface's device-independent pixels, the pressure as Qt reports
it, the event's own timestamp and whether the tip touches. `Strokes` maps samples to the same `PenPoint`s
the USB pad yields, so the checks, the ISO/IEC 19794-7 record and the title's image need not know which
pad was used: a logical pad measured in a fixed fraction of a millimetre of the screen, pressure
1..MAX_PRESSURE while touching, a pressure-0 point where the pen lifts, time in ms from the first point.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.signature_pad.model import PadInfo, PenPoint

# 0.05 mm: finer than any screen's pixel (0.1 to 0.3 mm), so a pen's sub-pixel positions keep their detail,
# and small enough numbers that a whole screen fits the ISO record's 16-bit coordinates (1.6 m). The record
# states it as the X and Y scaling, which is honest because the surface's size comes from the screen's
# physical density (the window's `px_per_mm`).
UNITS_PER_MM = 20
MAX_PRESSURE = 1023  # the USB pad's range: 10 bits, what common pen tablets report too
# A pointer with no pressure sensor (a mouse, most touch screens), when the configuration allows one: the
# middle of the range, so the title's image draws it with a middle stroke width.
NO_SENSOR_PRESSURE = 512

PEN, MOUSE, TOUCH = "pen", "mouse", "touch"


@dataclass(frozen=True)
class TabletSurface:
    """The applicant's signing surface as the window laid it out, in device-independent pixels."""

    width_px: float
    height_px: float
    box_px: tuple[float, float, float, float]  # the signing box drawn on it (x0, y0, x1, y1)
    px_per_mm: float  # the screen's physical density
    screen: str = ""  # the screen's name, for the technician

    def units(self, px: float) -> int:
        return round(px / self.px_per_mm * UNITS_PER_MM)

    def info(self, model: str = "") -> PadInfo:
        width, height = max(2, self.units(self.width_px)), max(2, self.units(self.height_px))
        x0, y0, x1, y1 = self.box_px
        box = (min(max(0, self.units(x0)), width - 1), min(max(0, self.units(y0)), height - 1),
               min(width, max(1, self.units(x1))), min(height, max(1, self.units(y1))))
        # The rate is the operating system's, which Qt does not tell (the pen test measures it): 0 = unknown.
        return PadInfo(width=width, height=height, max_pressure=MAX_PRESSURE, rate_hz=0, model=model,
                       units_per_mm=UNITS_PER_MM, screen_width=round(self.width_px),
                       screen_height=round(self.height_px), box=box)


@dataclass(frozen=True)
class TabletSample:
    """One pointer event on the signing surface, as the window read it."""

    x: float  # device-independent pixels from the surface's top-left corner, y downwards
    y: float
    down: bool  # the tip (or the button, or the finger) touches
    pressure: float | None  # 0..1 as Qt reports it; None: the pointer has no pressure sensor
    timestamp_ms: int  # the event's timestamp (QInputEvent.timestamp())
    source: str = PEN  # PEN (a tablet event), MOUSE or TOUCH
    device: str = ""  # the system's name for the pointing device (diagnostics)


class Strokes:
    """A capture's points built from samples, as the USB driver builds them from its reports."""

    def __init__(self, surface: TabletSurface, info: PadInfo) -> None:
        self._surface, self._info = surface, info
        self.points: list[PenPoint] = []
        self._down = False
        self._t0: int | None = None

    def reset(self) -> None:
        """A clear: the trace starts again, and so does its clock."""
        self.points, self._down, self._t0 = [], False, None

    def add(self, sample: TabletSample) -> PenPoint | None:
        """The point this sample adds, if any. Hovering adds nothing; the sample that lifts the pen adds a
        pressure-0 point, which is how the trace separates strokes (the checks and the ISO record read it so)."""
        if not sample.down and not self._down:
            return None
        if self._t0 is None:
            self._t0 = sample.timestamp_ms
        # Timestamps from the system are monotonic; a point never goes back in time even if one is not.
        t = max(sample.timestamp_ms - self._t0, self.points[-1].t_ms if self.points else 0)
        x = min(max(self._surface.units(sample.x), 0), self._info.width - 1)
        y = min(max(self._surface.units(sample.y), 0), self._info.height - 1)
        if sample.down:
            point = PenPoint(x, y, _pressure(sample.pressure), t)
        else:
            point = PenPoint(x, y, 0, t)
        self._down = sample.down
        self.points.append(point)
        return point

    def finish(self) -> list[PenPoint]:
        """The trace once validated: a stroke still open (Valider touched without lifting) is closed."""
        if self.points and self.points[-1].pressure > 0:
            last = self.points[-1]
            self.points.append(PenPoint(last.x, last.y, 0, last.t_ms))
        return self.points


def _pressure(qt_pressure: float | None) -> int:
    if qt_pressure is None:
        return NO_SENSOR_PRESSURE
    # A touching pen reporting no pressure (a worn tip, a light first contact) is the lightest touch.
    return max(1, min(MAX_PRESSURE, round(qt_pressure * MAX_PRESSURE)))
