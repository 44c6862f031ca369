"""The system's pen tablet: the applicant's window reads synthetic tablet events, the driver on its worker
returns what the pen drew, as the USB pad would.

The driver and the window are the real ones; only the pen is synthetic (tests/station/tablet_pen.py). The
offscreen screen is 800 × 800 pixels at 100 dpi, so the signing surface has its full size (160 × 64 mm).
"""

from __future__ import annotations

from concurrent.futures import Future
from types import SimpleNamespace

import pytest

from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.registry import DeviceHandle
from devices.signature_pad import PenEvent, TabletSignaturePad
from devices.signature_pad.tablet_input import NO_SENSOR_PRESSURE, UNITS_PER_MM
from devices.worker import DeviceWorker
from station.ui.tablet_window import TabletWindow, applicant_screen
from tests.devices.threads import off_main
from tests.station.tablet_pen import PEN_NAME, Pen, finger, mouse_stroke


class Station:
    """The pad on its worker, and the applicant's window fed by it."""

    def __init__(self, qtbot, allow_mouse: bool = False) -> None:
        self.pad = TabletSignaturePad(allow_mouse=allow_mouse)
        self.handle = DeviceHandle("signature_pad", self.pad, DeviceWorker("signature_pad"))
        self.window = TabletWindow(self.pad)
        qtbot.addWidget(self.window)
        self.surface = self.window.surface
        self.pen = Pen(self.surface)
        self.events: list[PenEvent] = []
        self.qtbot = qtbot

    def capture(self, timeout_s: float = 10.0) -> Future:
        future = self.handle.call("capture", timeout_s, on_event=self.events.append)
        self.qtbot.waitUntil(self.window.isVisible, timeout=5_000)  # the applicant is asked to sign
        return future

    def px_to_mm(self, px: float) -> float:
        return px / self.pad.surface().px_per_mm


@pytest.fixture
def station(qtbot):
    s = Station(qtbot)
    yield s
    s.handle.close()


@pytest.fixture
def lenient(qtbot):
    s = Station(qtbot, allow_mouse=True)
    yield s
    s.handle.close()


def test_the_trace_holds_the_strokes_pressures_pen_ups_and_times_the_pen_drew(station, qtbot):
    future = station.capture()
    assert "Valider" in station.window.prompt.text()
    station.pen.hover(100.0, 100.0, 999_990)  # above the glass: nothing recorded
    station.pen.stroke([(100.25, 100.5, 0.2, 1_000_000), (110.5, 104.0, 0.5, 1_000_010),
                        (121.0, 98.75, 0.8, 1_000_020)])
    station.pen.hover(150.0, 100.0, 1_000_100)
    station.pen.stroke([(200.0, 120.0, 0.0, 1_000_200), (204.0, 130.0, 1.0, 1_000_215)])
    assert station.surface.strokes_drawn == 2 and station.surface.ink_pixels() > 10  # the applicant sees them
    qtbot.mouseClick(station.window.validate_button, qtbot_left())
    trace = future.result(5)
    assert [(p.pressure, p.t_ms) for p in trace.points] == [
        (205, 0), (512, 10), (818, 20), (0, 30),  # the lift is a pen-up point, 10 ms after the last
        (1, 200), (1023, 215), (0, 225),  # a touching tip reporting 0 is the lightest touch
    ]
    assert len(trace.strokes()) == 2
    # Positions in the logical pad's units: a fixed fraction of a millimetre of the screen.
    assert trace.units_per_mm == UNITS_PER_MM
    first = trace.points[0]
    assert first.x / UNITS_PER_MM == pytest.approx(station.px_to_mm(100.25), abs=0.05)
    assert first.y / UNITS_PER_MM == pytest.approx(station.px_to_mm(100.5), abs=0.05)
    # The signing box is its true size (160 × 64 mm less an 8 mm margin), so the ISO record's scale is honest.
    x0, y0, x1, y1 = trace.box
    assert ((x1 - x0) / UNITS_PER_MM, (y1 - y0) / UNITS_PER_MM) == (pytest.approx(144, abs=0.5),
                                                                     pytest.approx(48, abs=0.5))
    # The agent's view got the same points while they were drawn, after the pad's description.
    assert station.events[0].cleared and station.events[0].info.units_per_mm == UNITS_PER_MM
    assert [p for e in station.events for p in e.points] == trace.points
    qtbot.waitUntil(lambda: not station.window.isVisible(), timeout=5_000)  # gone once validated
    assert station.pad.pen_name == PEN_NAME


@pytest.mark.parametrize("pointer", ["mouse", "finger"])
def test_a_mouse_or_a_finger_is_refused_and_both_sides_are_told(station, qtbot, pointer):
    future = station.capture()
    device = finger() if pointer == "finger" else None
    mouse_stroke(station.surface, [(100, 100, 5_000), (160, 120, 5_010), (220, 90, 5_020)], device)
    assert station.window.refusal.isVisible()
    assert station.window.refusal.text() == "Signez avec le stylet : la souris et le doigt ne sont pas acceptés."
    assert station.surface.ink_pixels() == 0
    station.pen.stroke([(300, 100, 0.5, 6_000), (320, 110, 0.5, 6_010)])  # the pen still signs
    qtbot.mouseClick(station.window.validate_button, qtbot_left())
    trace = future.result(5)
    assert [p.t_ms for p in trace.points] == [0, 10, 20]  # the pen's stroke only
    notices = [e.notice for e in station.events if e.notice]
    assert len(notices) == 1 and "seul le stylet est accepté" in notices[0]


def test_a_mouse_signs_when_the_configuration_allows_it(lenient, qtbot):
    future = lenient.capture()
    mouse_stroke(lenient.surface, [(100, 100, 5_000), (160, 120, 5_010), (220, 90, 5_020)])
    assert not lenient.window.refusal.isVisible()
    assert lenient.surface.ink_pixels() > 10
    qtbot.mouseClick(lenient.window.validate_button, qtbot_left())
    trace = future.result(5)
    assert [(p.pressure, p.t_ms) for p in trace.points] == [(NO_SENSOR_PRESSURE, 0), (NO_SENSOR_PRESSURE, 10),
                                                            (NO_SENSOR_PRESSURE, 20), (0, 30)]
    assert not any(e.notice for e in lenient.events)


def test_effacer_wipes_the_ink_and_the_trace_starts_again(station, qtbot):
    future = station.capture()
    station.pen.stroke([(100, 100, 0.5, 1_000), (140, 120, 0.5, 1_010), (180, 90, 0.5, 1_020)])
    assert station.surface.ink_pixels() > 10
    qtbot.mouseClick(station.window.clear_button, qtbot_left())
    assert station.surface.ink_pixels() == 0
    station.pen.stroke([(300, 100, 0.5, 4_000), (310, 105, 0.6, 4_010)])
    qtbot.mouseClick(station.window.validate_button, qtbot_left())
    trace = future.result(5)
    assert [(p.x, p.t_ms) for p in trace.points][0][1] == 0  # the clock restarts with the new signature
    assert len(trace.strokes()) == 1 and trace.points[0].x / UNITS_PER_MM == pytest.approx(
        station.px_to_mm(300), abs=0.05)
    assert sum(1 for e in station.events if e.cleared) == 2  # the start, then the clear: the agent's view wipes


def test_the_agents_clear_wipes_the_applicants_window_too(station, qtbot):
    future = station.capture()
    station.pen.stroke([(100, 100, 0.5, 1_000), (140, 120, 0.5, 1_010)])
    station.pad.clear()  # the agent's Effacer, from the GUI thread
    qtbot.waitUntil(lambda: station.surface.ink_pixels() == 0, timeout=5_000)
    qtbot.mouseClick(station.window.validate_button, qtbot_left())
    assert future.result(5).points == []


def test_annuler_ends_the_capture_as_cancelled(station, qtbot):
    future = station.capture()
    station.pen.stroke([(100, 100, 0.5, 1_000), (140, 120, 0.5, 1_010)])
    qtbot.mouseClick(station.window.cancel_button, qtbot_left())
    with pytest.raises(DeviceError) as err:
        future.result(5)
    assert err.value.code == "signature.cancelled"
    qtbot.waitUntil(lambda: not station.window.isVisible(), timeout=5_000)


def test_closing_the_applicants_window_cancels_rather_than_leaving_the_agent_waiting(station, qtbot):
    future = station.capture()
    station.window.close()
    with pytest.raises(DeviceError) as err:
        future.result(5)
    assert err.value.code == "signature.cancelled"


def test_nobody_validating_times_out_and_the_window_goes(station, qtbot):
    future = station.capture(timeout_s=0.5)
    station.pen.stroke([(100, 100, 0.5, 1_000), (140, 120, 0.5, 1_010)])
    with pytest.raises(DeviceError) as err:
        future.result(5)
    assert err.value.code == "signature.timeout"
    assert "« Valider »" in err.value.message
    qtbot.waitUntil(lambda: not station.window.isVisible(), timeout=5_000)


def test_the_diagnosis_describes_the_window_and_measures_the_pen(station, qtbot):
    future = station.handle.diagnose()
    qtbot.waitUntil(station.window.isVisible, timeout=5_000)
    assert station.window.prompt.text() == "Test du stylet : tracez un trait dans le cadre."
    assert not station.window.validate_button.isVisible()
    for k in range(40):  # 40 hovering events, 5 ms apart: a 200 Hz pen
        station.pen.hover(100 + k, 100, 20_000 + 5 * k)
    qtbot.mouseClick(station.window.cancel_button, qtbot_left())  # the technician has drawn enough
    report = future.result(5)
    assert report.ok, report.checks
    window, pen = report.checks
    assert "cadre 144×48 mm" in window.detail and "stylet seul" in window.detail
    assert pen.detail == f"Stylet « {PEN_NAME} » reçu : 40 points, cadence mesurée 200 Hz."


def test_without_the_window_the_pad_says_where_to_run_its_diagnosis():
    report = off_main(diagnose, TabletSignaturePad())
    assert not report.ok
    assert "fenêtre de signature du demandeur n'est pas ouverte" in report.checks[0].detail


def test_the_applicant_window_goes_to_the_screen_the_agent_is_not_on():
    agent, applicant = SimpleNamespace(), SimpleNamespace()
    assert applicant_screen([agent, applicant], agent) is applicant
    assert applicant_screen([applicant, agent], agent) is applicant
    assert applicant_screen([agent], agent) is None  # one screen: a separate window on it


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
