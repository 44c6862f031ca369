"""The fingerprint capture step: Qt offscreen, the real device worker and result delivery, NBIS/NFIQ 2 on
the analysis worker, real development prints.

The scanner is a FingerprintScanner that presents scripted real impressions (the USB scanner and its
emulator have tests of their own): scripting which impression comes next is what lets these tests show
a poor try, three poor tries and the same finger presented twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from devices.errors import DeviceError
from devices.fingerprint import FingerImage, FingerprintScanner, ScannerInfo
from devices.registry import DeviceHandle
from devices.worker import DeviceWorker, assert_not_gui_thread
from enrollment.fingerprint.model import FingerException, FingerPosition
from enrollment.model import CivilStatus, Dossier
from station.audit_trail import AuditTrail
from station.auth import AgentSession
from station.ui.device_calls import Calls
from station.ui.steps import fingerprint_analysis
from station.ui.steps.fingerprints import FingerprintStep
from tests.enrollment.fingerprint.prints import load, needs_fingers

pytestmark = needs_fingers
P = FingerPosition
# The best impression of a different finger for each position asked by default.
GOOD = {P.RIGHT_INDEX: "fvc2002db1b_102_4", P.LEFT_INDEX: "fvc2002db1b_107_1", P.RIGHT_MIDDLE: "fvc2002db1b_104_1",
        P.LEFT_MIDDLE: "fvc2002db1b_108_3"}


class ScriptedScanner(FingerprintScanner):
    implementation = "scripted"

    def __init__(self) -> None:
        self.queue: dict[str, list[str]] = {}
        self.exceptions: list[tuple[str, ...]] = []  # what each capture request excepted
        self.device_quality: float | None = None  # a certified scanner's own score, when it gives one

    def present(self, position: FingerPosition, *names: str) -> None:
        self.queue.setdefault(position.value, []).extend(names)

    def info(self) -> ScannerInfo:
        return ScannerInfo(vendor="test", model="scripted", ppi=500, width=388, height=374)

    def capture(self, position: str, timeout_s: float = 10.0, exceptions: tuple[str, ...] = ()) -> FingerImage:
        assert_not_gui_thread()
        self.exceptions.append(exceptions)
        names = self.queue.get(position) or [GOOD[FingerPosition(position)]]
        name = names.pop(0) if len(names) > 1 or position in self.queue else names[0]
        if name == "timeout":
            raise DeviceError("fingerprint.timeout", "Aucun doigt n'a été posé sur le capteur : recommencez.")
        return FingerImage(pixels=load(name), ppi=500, device_quality=self.device_quality)


@dataclass
class StepContext:
    """The part of StationContext the step uses, with the real worker and delivery."""

    scanner: ScriptedScanner = field(default_factory=ScriptedScanner)
    calls: Calls = field(default_factory=Calls)
    session: AgentSession | None = None
    audit: AuditTrail | None = None
    config: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(devices=SimpleNamespace(fingerprint_min_quality=40)))

    def __post_init__(self) -> None:
        self.devices = SimpleNamespace(fingerprint=DeviceHandle("fingerprint", self.scanner, DeviceWorker("fp")))

    def today(self) -> date:
        return date(2025, 6, 1)


@pytest.fixture
def ctx(audit_trail) -> Iterator[StepContext]:
    c = StepContext(session=AgentSession(agent_id="AG-0001", display_name="Camille MARTIN", role="agent",
                                         mairie_insee="21231", certificate_sha256="00", opened_at=datetime.now(UTC),
                                         certificate_serial=1), audit=audit_trail)
    yield c
    c.calls.shutdown()
    c.devices.fingerprint.close()


@pytest.fixture
def step(ctx, qtbot) -> FingerprintStep:
    s = FingerprintStep(ctx)
    qtbot.addWidget(s)
    s.show()
    s.activateWindow()
    qtbot.waitActive(s)  # shortcuts reach the active window only
    return s


def open_for(step: FingerprintStep, birth: date = date(1988, 5, 14)) -> Dossier:
    d = Dossier(civil=CivilStatus(birth_date=birth))
    step.load(d)
    step.entered()
    return d


def capture_and_wait(step: FingerprintStep, qtbot) -> None:
    QTest.mouseClick(step.capture_button, Qt.MouseButton.LeftButton)
    assert step.busy and not step.capture_button.isEnabled()
    qtbot.waitUntil(lambda: not step.busy, timeout=30_000)


def test_both_index_fingers_are_captured_scored_and_kept_as_wsq_and_template(step, qtbot, monkeypatch):
    threads: list[str] = []
    real_process = fingerprint_analysis.process

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_process(*args, **kwargs)

    monkeypatch.setattr(fingerprint_analysis, "process", spy)
    d = open_for(step)
    assert step.diagram.asked is P.RIGHT_INDEX
    assert "l'index droit" in step.asked.text()

    capture_and_wait(step, qtbot)
    [right] = d.fingerprints
    assert right.position is P.RIGHT_INDEX and right.wsq and right.template and right.quality == 84
    assert step.quality_bar.value() == 84 and "84/100" in step.quality_text.text()
    assert "Index droit relevé (qualité 84/100)" in step.status.text()
    assert step.instruction.text() == "Empreinte de bonne qualité."
    assert step.diagram.asked is P.LEFT_INDEX and P.RIGHT_INDEX in step.diagram.kept

    capture_and_wait(step, qtbot)
    assert [f.position for f in d.fingerprints] == [P.RIGHT_INDEX, P.LEFT_INDEX]
    assert step.plan_done and not step.capture_button.isEnabled()
    assert "passez à l'étape suivante" in step.asked.text()
    # NBIS never ran on the GUI thread: the analysis worker did.
    assert len(threads) == 2 and all(name.startswith("finger-analysis") for name in threads)


def test_a_poor_try_asks_for_another_and_three_leave_the_best_to_keep(step, ctx, qtbot):
    ctx.scanner.present(P.RIGHT_INDEX, "fvc2002db1b_109_6", "fvc2002db1b_109_8", "fvc2002db1b_109_4")
    d = open_for(step)
    capture_and_wait(step, qtbot)
    assert d.fingerprints == [] and step.quality_bar.value() == 15
    assert "Essai 1 sur 3" in step.status.text() and step.instruction.text() != "Empreinte de bonne qualité."
    assert step.keep_button.isEnabled()
    capture_and_wait(step, qtbot)
    capture_and_wait(step, qtbot)
    assert "gardez la meilleure empreinte (qualité 33/100)" in step.status.text()
    assert not step.capture_button.isEnabled()
    QTest.keyClick(step, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: len(d.fingerprints) == 1, timeout=2_000)
    [kept] = d.fingerprints
    assert (kept.position, kept.quality, kept.tries) == (P.RIGHT_INDEX, 33, 3)
    assert step.diagram.asked is P.LEFT_INDEX


def test_the_same_finger_for_the_second_print_is_refused_on_screen(step, ctx, qtbot):
    ctx.scanner.present(P.LEFT_INDEX, "fvc2002db1b_102_6", GOOD[P.LEFT_INDEX])  # 102: the right index again
    d = open_for(step)
    capture_and_wait(step, qtbot)
    capture_and_wait(step, qtbot)
    assert len(d.fingerprints) == 1 and step.diagram.asked is P.LEFT_INDEX
    assert "le même que l'index droit" in step.status.text() and "Présentez l'index gauche" in step.status.text()
    capture_and_wait(step, qtbot)
    assert [f.position for f in d.fingerprints] == [P.RIGHT_INDEX, P.LEFT_INDEX]


def test_an_impossible_finger_is_recorded_from_the_keyboard_and_the_middle_finger_is_asked(step, ctx, qtbot):
    d = open_for(step)
    QTest.keyClick(step, Qt.Key.Key_F7)
    qtbot.waitUntil(step.reason_panel.isVisible, timeout=2_000)
    step.reasons.setCurrentIndex(step.reasons.findData(FingerException.BANDAGED_OR_INJURED))
    QTest.keyClick(step.reasons, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(d.fingerprints) == 1, timeout=2_000)
    [record] = d.fingerprints
    assert record.exception is FingerException.BANDAGED_OR_INJURED
    assert record.exception_confirmed_by == "AG-0001"
    [entry] = ctx.audit.kept.entries()
    assert (entry.event, entry.agent_id, entry.dossier_id, entry.reason) == (
        "fingerprint_exception", "AG-0001", d.id, FingerException.BANDAGED_OR_INJURED.value)
    assert step.diagram.asked is P.RIGHT_MIDDLE and P.RIGHT_INDEX in step.diagram.excepted
    assert "Exception enregistrée pour l'index droit : pansement ou blessure" in step.status.text()
    assert "le majeur droit" in step.asked.text()
    assert not step.reason_panel.isVisible()
    capture_and_wait(step, qtbot)
    assert ctx.scanner.exceptions[-1] == (P.RIGHT_INDEX.value,)  # a multi-finger scanner would skip it


def test_a_scanners_own_score_is_shown_beside_nfiq2_without_deciding(step, ctx, qtbot):
    ctx.scanner.device_quality = 97.0  # the scanner thinks this poor print is excellent
    ctx.scanner.present(P.RIGHT_INDEX, "fvc2002db1b_109_6")
    d = open_for(step)
    capture_and_wait(step, qtbot)
    assert "15/100" in step.quality_text.text() and "selon le lecteur : 97/100" in step.quality_text.text()
    assert d.fingerprints == [] and "Essai 1 sur 3" in step.status.text()  # NFIQ 2 decided


def test_a_scanner_timeout_is_shown_and_the_finger_can_be_tried_again(step, ctx, qtbot):
    ctx.scanner.present(P.RIGHT_INDEX, "timeout", GOOD[P.RIGHT_INDEX])
    d = open_for(step)
    capture_and_wait(step, qtbot)
    assert "Aucun doigt" in step.status.text() and step.capture_button.isEnabled()
    capture_and_wait(step, qtbot)
    assert len(d.fingerprints) == 1


def test_a_resumed_draft_shows_what_was_kept_and_restart_clears_it(step, qtbot):
    d = open_for(step)
    capture_and_wait(step, qtbot)
    step.load(d)  # the draft reopened
    assert step.diagram.asked is P.LEFT_INDEX and "Index droit : qualité 84/100" in step.kept_list.text()
    QTest.mouseClick(step.restart_button, Qt.MouseButton.LeftButton)
    assert d.fingerprints == [] and step.diagram.asked is P.RIGHT_INDEX


def test_an_applicant_under_12_gives_no_prints(step):
    open_for(step, birth=date(2015, 1, 1))
    assert "moins de 12 ans" in step.asked.text()
    assert not step.capture_button.isEnabled() and not step.impossible_button.isEnabled()
    assert step.diagram.asked is None
