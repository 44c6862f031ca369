"""The fingerprint step over an SBI scanner (hw-mocks' SBI service): each fault of the device is said to the
agent in French, the prints already kept stay, and the next good capture is kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from devices.fingerprint.sbi import SbiFingerprintScanner
from enrollment.fingerprint.model import FingerPosition as P
from station.auth import AgentSession
from station.ui.steps.fingerprints import FingerprintStep
from tests.station.test_fingerprint_step import StepContext, capture_and_wait, open_for


@pytest.fixture
def step(hw_mocks, qtbot):
    scanner = SbiFingerprintScanner.from_settings(hw_mocks.settings(sbi_fingerprint_device="RCL-FP1-000000001"))
    ctx = StepContext(scanner=scanner, session=AgentSession(  # type: ignore[arg-type]
        agent_id="AG-0001", display_name="Camille MARTIN", role="agent", mairie_insee="21231",
        certificate_sha256="00", opened_at=datetime.now(UTC), certificate_serial=1))
    s = FingerprintStep(ctx)
    qtbot.addWidget(s)
    s.show()
    yield s
    ctx.calls.shutdown()
    ctx.devices.fingerprint.close()


@pytest.mark.parametrize(("op", "args", "said"), [
    ("fault", {"fault": "busy"}, "est occupé"),
    ("fault", {"fault": "bad_signature"}, "signature de la capture envoyée par le lecteur d'empreintes est invalide"),
    ("fault", {"fault": "broken_chain"}, "chaîne de contrôle rompue"),
    ("status", {"status": "Not Registered"}, "n'est pas enregistré"),
    ("unregistered_keys", {}, "pas un appareil certifié"),
])
def test_a_device_fault_is_said_and_loses_no_print(step, hw_mocks, qtbot, op, args, said):
    d = open_for(step)
    capture_and_wait(step, qtbot)
    [right] = d.fingerprints
    assert right.position is P.RIGHT_INDEX
    if op == "unregistered_keys":
        hw_mocks.sbi(op)
    else:
        hw_mocks.sbi(op, device="finger", **args)
    capture_and_wait(step, qtbot)
    assert said in step.status.text()
    assert d.fingerprints == [right] and step.diagram.asked is P.LEFT_INDEX  # nothing lost, nothing counted
    assert step.capture_button.isEnabled()
    hw_mocks.sbi("clear")
    capture_and_wait(step, qtbot)
    assert [f.position for f in d.fingerprints] == [P.RIGHT_INDEX, P.LEFT_INDEX]
