"""The system's pen tablet through the station's window (implementation "tablet"): any pen tablet or pen
display the operating system knows, read by Qt as tablet events.

The driver cannot read the pen itself (Qt's events reach the GUI thread only), so it works like the
keyboard-wedge barcode reader: the applicant's window (station/ui/tablet_window.py) lays out the signing
surface, `attach`es it, and hands over every pointer event with `deliver`, and the applicant's buttons with
`validated`, `clear` and `cancel`; all are thread-safe and return at once. `capture` and `pen_test` wait for
them on the pad's worker, as the USB driver waits for its reports, and yield the same `PenEvent`s and
`PenTrace`. The window shows itself while one of them runs: it is told through its `on_change` callback
and reads `state()`. A mouse or a finger is refused (no point recorded, the agent told through the
listener's `PenEvent.notice`) unless the configuration allows them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from devices import strings
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.signature_pad.driver import PenListener, SignaturePad
from devices.signature_pad.model import PadInfo, PenEvent, PenPoint, PenTrace
from devices.signature_pad.tablet_input import PEN, Strokes, TabletSample, TabletSurface
from devices.worker import assert_not_gui_thread

log = logging.getLogger(__name__)

IDLE, CAPTURE, PEN_TEST = "idle", "capture", "pen_test"
# The pen test: enough events to measure a rate (0.1 s of a 200 Hz pen), and when to stop listening.
PEN_TEST_MIN_EVENTS = 20
PEN_TEST_EVENTS = 100

# What the window asks for, in the order it asked, among the samples.
_CLEAR, _OK, _CANCEL = "clear", "ok", "cancel"


@dataclass(frozen=True)
class TabletState:
    """What the window shows: nothing (IDLE), the signing screen or the pen test; `session` counts the
    captures and tests, `clears` the clears of the current one (the window wipes its ink when it grows)."""

    mode: str = IDLE
    session: int = 0
    clears: int = 0


class TabletSignaturePad(SignaturePad):
    implementation = "tablet"

    def __init__(self, allow_mouse: bool = False) -> None:
        self.allow_mouse = allow_mouse
        self._cond = threading.Condition()
        self._surface: TabletSurface | None = None
        self._on_change: Callable[[], None] | None = None
        self._inbox: list[TabletSample | str] = []
        self._state = TabletState()
        self.pen_name = ""  # the system's name of the last pen seen (diagnostics)

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> TabletSignaturePad:
        return cls(settings.signature_allow_mouse)

    # The window's side: any thread, returns at once --------------------------------------------------------

    def attach(self, surface: TabletSurface, on_change: Callable[[], None]) -> None:
        """The applicant's window is there, with this surface; `on_change` is called (from any thread)
        whenever `state()` changes."""
        with self._cond:
            self._surface, self._on_change = surface, on_change

    def detach(self) -> None:
        with self._cond:
            self._surface = self._on_change = None
        self.cancel()

    def state(self) -> TabletState:
        with self._cond:
            return self._state

    def accepts(self, source: str) -> bool:
        """Whether a sample from this kind of pointer is recorded (the window inks only those)."""
        return source == PEN or self.allow_mouse

    def deliver(self, sample: TabletSample) -> None:
        """One pointer event on the signing surface; dropped when nothing is being captured."""
        with self._cond:
            if self._state.mode == IDLE:
                return
            self._inbox.append(sample)
            self._cond.notify_all()

    def validated(self) -> None:
        """The applicant touched Valider."""
        self._ask(_OK, CAPTURE)

    def clear(self) -> None:
        with self._cond:
            if self._state.mode != CAPTURE:
                return
            self._state = TabletState(CAPTURE, self._state.session, self._state.clears + 1)
            self._inbox.append(_CLEAR)
            self._cond.notify_all()
        self._changed()

    def cancel(self) -> None:
        self._ask(_CANCEL, CAPTURE, PEN_TEST)

    def _ask(self, request: str, *modes: str) -> None:
        with self._cond:
            if self._state.mode in modes:
                self._inbox.append(request)
                self._cond.notify_all()

    # The worker's side ------------------------------------------------------------------------------------

    def surface(self) -> TabletSurface:
        with self._cond:
            if self._surface is None:
                # `station diagnose` in a terminal, or a window that is closing: no pen can reach us.
                raise DeviceError("signature.no_window", strings.message("signature.no_window"))
            return self._surface

    def info(self) -> PadInfo:
        assert_not_gui_thread()
        return self.surface().info(self.pen_name)

    def capture(self, timeout_s: float = 60.0, on_event: PenListener | None = None) -> PenTrace:
        assert_not_gui_thread()
        surface = self.surface()
        info = surface.info(self.pen_name)
        emit = on_event or (lambda _event: None)
        strokes = Strokes(surface, info)
        refused_down = False  # a refused pointer is touching: the agent is told once per touch
        started = time.monotonic()
        deadline = started + timeout_s
        self._begin(CAPTURE)
        emit(PenEvent(cleared=True, info=info))
        try:
            while True:
                items = self._take(deadline)
                if items is None:
                    raise DeviceError("signature.timeout", strings.message("signature.timeout.tablet"),
                                      {"points": len(strokes.points)})
                batch: list[PenPoint] = []
                for item in items:
                    if item == _OK:
                        if batch:
                            emit(PenEvent(points=tuple(batch)))
                        return self._trace(strokes.finish(), info, started)
                    if item == _CANCEL:
                        raise DeviceError("signature.cancelled", strings.message("signature.cancelled"))
                    if item == _CLEAR:
                        strokes.reset()
                        batch = []  # ink the clear wipes anyway
                        emit(PenEvent(cleared=True))
                        continue
                    assert isinstance(item, TabletSample)
                    if not self.accepts(item.source):
                        if item.down and not refused_down:
                            emit(PenEvent(notice=strings.message("signature.pointer_refused")))
                        refused_down = item.down
                        continue
                    self._seen(item)
                    point = strokes.add(item)
                    if point is not None:
                        batch.append(point)
                if batch:
                    emit(PenEvent(points=tuple(batch)))
        finally:
            self._end()

    def pen_test(self, timeout_s: float = 10.0) -> tuple[int, float]:
        """Counts the pen's events, hovering included, and measures their rate on the events' own timestamps
        (the system's clock when it read the pen, not when our thread woke up)."""
        assert_not_gui_thread()
        self.surface()
        times: list[int] = []
        deadline = time.monotonic() + timeout_s
        self._begin(PEN_TEST)
        try:
            items: list[TabletSample | str] | None = []
            while items is not None and _CANCEL not in items and len(times) < PEN_TEST_EVENTS:
                items = self._take(deadline)
                for item in items or []:  # Annuler ends the test, after what was drawn before it
                    if isinstance(item, TabletSample) and self.accepts(item.source):
                        self._seen(item)
                        times.append(item.timestamp_ms)
        finally:
            self._end()
        times.sort()
        if len(times) < PEN_TEST_MIN_EVENTS or times[-1] <= times[0]:
            raise DeviceError("signature.pen_test", strings.message("signature.pen_test"), {"reports": len(times)})
        return len(times), (len(times) - 1) * 1000 / (times[-1] - times[0])

    def close(self) -> None:
        self.cancel()

    # Inside -----------------------------------------------------------------------------------------------

    def _begin(self, mode: str) -> None:
        with self._cond:
            self._inbox.clear()  # what came while nothing was asked belongs to no capture
            self._state = TabletState(mode, self._state.session + 1)
        self._changed()

    def _end(self) -> None:
        with self._cond:
            self._inbox.clear()
            self._state = TabletState(IDLE, self._state.session)
        self._changed()

    def _take(self, deadline: float) -> list[TabletSample | str] | None:
        """What the window delivered since the last call, waiting for something; None past the deadline
        (checked first, so an applicant who keeps hovering still times out)."""
        with self._cond:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                if self._inbox:
                    items, self._inbox = self._inbox, []
                    return items
                self._cond.wait(left)

    def _seen(self, sample: TabletSample) -> None:
        if sample.source == PEN and sample.device:
            self.pen_name = sample.device

    def _changed(self) -> None:
        with self._cond:
            notify = self._on_change
        if notify is not None:
            try:
                notify()
            except RuntimeError:
                pass  # the window is being destroyed: nobody is left to show

    def _trace(self, points: list[PenPoint], info: PadInfo, started: float) -> PenTrace:
        log.info("signature captured", extra={"event": "pad.capture", "points": len(points), "bad_reports": 0,
                                              "duration_ms": round((time.monotonic() - started) * 1000)})
        return PenTrace(points=points, width=info.width, height=info.height, max_pressure=info.max_pressure,
                        box=info.box, units_per_mm=info.units_per_mm, rate_hz=info.rate_hz)
