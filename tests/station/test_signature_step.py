"""The signature step, offscreen, with the real USB driver on its worker and the emulated pad signing."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from devices.registry import DeviceHandle
from devices.signature_pad import UsbSignaturePad
from devices.worker import DeviceWorker
from enrollment.model import Dossier
from enrollment.rules import DEFAULT_RULES
from enrollment.signature import SignatureExemption
from hw_mocks.signature_pad.pad import Script
from station.ui.device_calls import Calls
from station.ui.steps.signature import SignatureStep
from tests.enrollment.signature.pad import PadBus


@pytest.fixture
def pad_bus():
    b = PadBus()
    yield b
    b.stop()


@pytest.fixture
def step(qtbot, pad_bus, audit_trail):
    """The step with just what it uses of the station: the pad's handle, the call bridge, today."""
    handle = DeviceHandle("signature_pad", UsbSignaturePad(pad_bus.backend), DeviceWorker("signature_pad"))
    ctx = SimpleNamespace(devices=SimpleNamespace(signature_pad=handle), calls=Calls(), today=date.today,
                          rules=lambda: DEFAULT_RULES,
                          session=SimpleNamespace(agent_id="AG-0001"), audit=audit_trail)
    s = SignatureStep(ctx)
    qtbot.addWidget(s)
    s.show()
    yield s
    s.left()
    ctx.calls.shutdown()
    handle.close()


def adult() -> Dossier:
    d = Dossier()
    d.civil.birth_date = date(1985, 3, 2)
    return d


def test_strokes_appear_while_the_applicant_signs_then_the_agent_validates(step, pad_bus, qtbot):
    pad_bus.pad.speed = 1.0
    pad_bus.pad.queue_script(Script(seed=3))
    step.load(adult())
    qtbot.mouseClick(step.capture_button, qtbot_left())
    qtbot.waitUntil(lambda: step.canvas.points_drawn > 80, timeout=10_000)
    assert step.capturing and not step.confirm_button.isEnabled()  # drawn live, before OK
    assert step.canvas.ink_pixels() > 50  # really painted, not only counted
    qtbot.waitUntil(step.confirm_button.isEnabled, timeout=15_000)
    assert step.dossier.signature is None  # nothing is kept until the agent validates
    assert not step.preview.pixmap().isNull()  # the title's image is shown for checking
    qtbot.mouseClick(step.confirm_button, qtbot_left())
    sig = step.dossier.signature
    assert sig is not None and sig.png and sig.iso_19794_7.startswith(b"SDI\x00")
    assert step.status.text() == "Signature enregistrée."


def test_effacer_wipes_the_pad_and_the_view_while_signing(step, pad_bus, qtbot):
    pad_bus.pad.speed = 1.0
    pad_bus.pad.queue_script(Script(seed=2))
    step.load(adult())
    step.capture_button.click()
    qtbot.waitUntil(lambda: step.canvas.points_drawn > 150, timeout=10_000)
    before = step.canvas.points_drawn
    step.clear_button.click()
    qtbot.waitUntil(lambda: step.canvas.points_drawn < before, timeout=5_000)
    assert pad_bus.pad.screen.clears == 1
    qtbot.waitUntil(lambda: not step.capturing, timeout=15_000)


def test_a_dot_is_refused_and_the_agent_can_have_it_signed_again(step, pad_bus, qtbot):
    pad_bus.pad.queue_script(Script(gesture="dot"))
    step.load(adult())
    step.capture_button.click()
    qtbot.waitUntil(lambda: not step.capturing, timeout=10_000)
    assert "qu'un point" in step.status.text()
    assert not step.confirm_button.isEnabled() and step.capture_button.isEnabled()
    assert step.capture_button.text().replace("&", "") == "Faire signer à nouveau"
    pad_bus.pad.queue_script(Script(seed=1))
    step.capture_button.click()
    qtbot.waitUntil(step.confirm_button.isEnabled, timeout=10_000)


def test_an_unplugged_pad_is_explained_to_the_agent(step, pad_bus, qtbot):
    pad_bus.pad.queue_script(Script(seed=1, fault="unplug"))
    step.load(adult())
    step.capture_button.click()
    qtbot.waitUntil(lambda: not step.capturing, timeout=10_000)
    assert "débranchée" in step.status.text()
    assert step.capture_button.isEnabled()


def test_a_child_is_offered_the_exemption_and_the_mention_is_recorded(step, qtbot):
    d = Dossier()
    d.civil.birth_date = date(date.today().year - 7, 1, 1)
    step.load(d)
    assert step.exempt_reason.currentData() == SignatureExemption.CHILD
    assert "moins de 12 ans" in step.status.text()
    step.exempt_button.click()
    assert d.signature.exemption == "Dispensé de signature : enfant de moins de 12 ans"
    assert "Dispense de signature enregistrée" in step.status.text()


def test_an_adult_unable_to_sign_gets_that_mention(step, qtbot, audit_trail):
    d = adult()
    step.load(d)
    assert step.exempt_reason.currentData() == SignatureExemption.UNABLE
    step.exempt_button.click()
    assert d.signature.exemption_reason is SignatureExemption.UNABLE
    [entry] = audit_trail.kept.entries()
    assert (entry.event, entry.agent_id, entry.dossier_id, entry.reason) == ("signature_exemption", "AG-0001", d.id,
                                                                             SignatureExemption.UNABLE.value)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
