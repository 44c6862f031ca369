"""The signature step with the system's pen tablet: the applicant signs in their own window, the agent sees
the strokes live and gets the same checks, title image and ISO/IEC 19794-7 record as with the USB pad."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from devices.errors import DeviceError
from devices.registry import DeviceHandle
from devices.signature_pad import TabletSignaturePad
from devices.signature_pad.tablet_input import UNITS_PER_MM
from devices.worker import DeviceWorker
from enrollment.rules import DEFAULT_RULES
from enrollment.signature.iso19794_7 import scaling_float
from station.ui.device_calls import Calls
from station.ui.steps.signature import SignatureStep
from station.ui.tablet_window import TabletWindow
from tests.enrollment.signature.test_signature_record import read_iso
from tests.station.tablet_pen import Pen, mouse_stroke
from tests.station.test_signature_step import adult

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def step(qtbot):
    """The step with what it uses of the station (the pad's handle, the call bridge, today), and the
    applicant's window the main window would install."""
    pad = TabletSignaturePad()
    handle = DeviceHandle("signature_pad", pad, DeviceWorker("signature_pad"))
    ctx = SimpleNamespace(devices=SimpleNamespace(signature_pad=handle), calls=Calls(), today=date.today,
                          rules=lambda: DEFAULT_RULES)
    s = SignatureStep(ctx)
    qtbot.addWidget(s)
    s.applicant = TabletWindow(pad)
    qtbot.addWidget(s.applicant)
    s.pen = Pen(s.applicant.surface)
    s.show()
    s.load(adult())
    yield s
    s.left()
    ctx.calls.shutdown()
    handle.close()


def start(step, qtbot) -> None:
    qtbot.mouseClick(step.capture_button, LEFT)
    qtbot.waitUntil(step.applicant.isVisible, timeout=5_000)


def test_a_signature_on_the_tablet_is_checked_rendered_and_recorded_like_the_pads(step, qtbot):
    start(step, qtbot)
    strokes = step.pen.sign(seed=3)
    qtbot.waitUntil(lambda: step.canvas.points_drawn > 100, timeout=5_000)  # the agent watches it live
    assert step.canvas.ink_pixels() > 50 and not step.confirm_button.isEnabled()
    qtbot.mouseClick(step.applicant.validate_button, LEFT)
    qtbot.waitUntil(step.confirm_button.isEnabled, timeout=10_000)
    assert not step.applicant.isVisible()
    assert not step.preview.pixmap().isNull()  # the title's image, for the agent to check with the applicant
    qtbot.mouseClick(step.confirm_button, LEFT)
    sig = step.dossier.signature
    assert sig is not None and sig.png and step.status.text() == "Signature enregistrée."
    record = read_iso(sig.iso_19794_7)
    assert scaling_float(record["desc"]["X"]["scale"]) == UNITS_PER_MM  # units per mm, from the screen's density
    assert record["desc"]["F"] == {"min": 0, "max": 1023}
    rows = record["rows"].astype(int)
    posted = [dot for s in strokes for dot in s]
    assert (rows[:, 3] > 0).sum() == len(posted)  # every pen sample, with its pressure
    assert sorted(rows[rows[:, 3] > 0, 3].tolist()) == sorted(round(p * 1023) for _, _, p, _ in posted)
    assert (rows[:, 3] == 0).sum() == len(strokes)  # one pen-up after each stroke
    assert rows[-1, 2] == strokes[-1][-1][3] - strokes[0][0][3] + 10  # ms from the first touch to the last lift


def test_a_line_is_refused_as_with_the_pad(step, qtbot):
    start(step, qtbot)
    step.pen.stroke([(80 + 5 * k, 120.0, 0.5, 1_000 + 5 * k) for k in range(80)])
    qtbot.mouseClick(step.applicant.validate_button, LEFT)
    qtbot.waitUntil(lambda: not step.capturing, timeout=5_000)
    assert "simple trait" in step.status.text()
    assert not step.confirm_button.isEnabled() and step.dossier.signature is None


def test_the_agent_is_told_when_the_applicant_signs_with_the_mouse(step, qtbot):
    start(step, qtbot)
    mouse_stroke(step.applicant.surface, [(100, 100, 5_000), (160, 120, 5_010), (220, 90, 5_020)])
    qtbot.waitUntil(lambda: "seul le stylet est accepté" in step.status.text(), timeout=5_000)
    assert step.canvas.points_drawn == 0
    qtbot.mouseClick(step.applicant.validate_button, LEFT)
    qtbot.waitUntil(lambda: not step.capturing, timeout=5_000)
    assert "Aucun tracé" in step.status.text()  # nothing was recorded: the usual empty-signature message


def test_the_agents_effacer_wipes_both_screens_and_the_applicant_signs_again(step, qtbot):
    start(step, qtbot)
    step.pen.stroke([(100.0, 100.0, 0.5, 1_000), (160.0, 120.0, 0.5, 1_010), (220.0, 90.0, 0.5, 1_020)])
    qtbot.waitUntil(lambda: step.canvas.points_drawn == 3, timeout=5_000)
    qtbot.mouseClick(step.clear_button, LEFT)
    qtbot.waitUntil(lambda: step.canvas.points_drawn == 0 and step.applicant.surface.ink_pixels() == 0,
                    timeout=5_000)
    step.pen.sign(seed=1)
    qtbot.mouseClick(step.applicant.validate_button, LEFT)
    qtbot.waitUntil(step.confirm_button.isEnabled, timeout=10_000)


def test_annuler_in_the_applicants_window_is_told_to_the_agent(step, qtbot):
    start(step, qtbot)
    qtbot.mouseClick(step.applicant.cancel_button, LEFT)
    qtbot.waitUntil(lambda: not step.capturing, timeout=5_000)
    assert step.status.text().startswith("Signature annulée.")
    assert step.capture_button.isEnabled() and not step.applicant.isVisible()


def test_leaving_the_step_while_the_applicant_signs_closes_their_window(step, qtbot):
    start(step, qtbot)
    step.left()
    qtbot.waitUntil(lambda: not step.applicant.isVisible(), timeout=5_000)


def test_a_station_configured_for_the_tablet_opens_the_applicants_window_when_it_captures(
        make_station, make_window, qtbot):
    window = make_window(make_station(devices={"signature_pad": "tablet"}))
    applicant = window.tablet
    assert applicant is not None and not applicant.isVisible()  # nothing to sign yet
    pad = window.ctx.devices.signature_pad
    future = pad.call("capture", 10.0)
    qtbot.waitUntil(applicant.isVisible, timeout=5_000)
    Pen(applicant.surface).stroke([(100.0, 100.0, 0.5, 1_000), (160.0, 120.0, 0.5, 1_010)])
    qtbot.mouseClick(applicant.validate_button, LEFT)
    assert len(future.result(5).strokes()) == 1
    window.close()  # the station's window goes: no pen can reach the pad any more
    with pytest.raises(DeviceError) as err:
        pad.call("capture", 10.0).result(5)
    assert err.value.code == "signature.no_window"
