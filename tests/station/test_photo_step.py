"""The photo step in a real (offscreen) Qt widget, fed by a camera handle that streams real photos of the set
and a document scanner handle that returns a scanned page: the boundary where the devices really are."""

from __future__ import annotations

import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from devices.camera import CameraInfo, Frame
from devices.document_scanner import ScannedPage
from enrollment.face import OverrideReason
from enrollment.model import Dossier
from station.ui.device_calls import Calls
from station.ui.notifications import Notifications
from station.ui.steps.photo import PhotoStep
from tests.enrollment.face.images import blurred, face, side_by_side
from tests.enrollment.face.test_paper import page_with, print_of


class DeviceHandle:
    """Like the registry's handle: `call(op, *args)` runs the op on the device's own worker thread."""

    def __init__(self, device: object) -> None:
        self._device = device
        self.driver = device  # what the step reads of the driver itself (a camera's `takes_stills`)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fake-device")

    def call(self, op: str, *args):
        return self._pool.submit(getattr(self._device, op), *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class StreamCamera:
    takes_stills = False  # the frame shown is the photo kept (an SBI camera's own still: tests/devices)

    def __init__(self, image: np.ndarray) -> None:
        self.image = image
        self._count = itertools.count(1)

    def info(self) -> CameraInfo:
        return CameraInfo(width=self.image.shape[1], height=self.image.shape[0], fps=15.0)

    def read_frame(self) -> Frame:
        return Frame(image=self.image, timestamp=time.time(), sequence=next(self._count))


class Scanner:
    def __init__(self, page: np.ndarray) -> None:
        self.page = page

    def scan(self, timeout_s: float) -> ScannedPage:
        return ScannedPage(image=self.page, dpi=300)


@pytest.fixture
def make_step(qtbot, audit_trail):
    made = []

    def make(image: np.ndarray, page: np.ndarray | None = None) -> PhotoStep:
        camera = DeviceHandle(StreamCamera(image))
        scanner = DeviceHandle(Scanner(page if page is not None else np.full((100, 100, 3), 250, np.uint8)))
        config = SimpleNamespace(face={}, cert=SimpleNamespace(ephoto_code_length=22))
        ctx = SimpleNamespace(config=config, calls=Calls(), notifications=Notifications(),
                              devices=SimpleNamespace(camera=camera, document_scanner=scanner),
                              session=SimpleNamespace(agent_id="AG-0042"), audit=audit_trail,
                              reference=SimpleNamespace(face_overrides=lambda: dict(config.face)))
        step = PhotoStep(ctx)
        qtbot.addWidget(step)
        step.load(Dossier(agent_id="AG-0042"))
        step.show()
        step.entered()
        made.append((step, camera, scanner))
        return step

    yield make
    for step, camera, scanner in made:
        step.left()
        step.ctx.calls.shutdown()
        step.analyser.close()
        camera.close()
        scanner.close()


def test_preview_shows_frames_and_lists_the_failing_check_in_french(make_step, qtbot):
    step = make_step(side_by_side(face(), face("deepface_img62.jpg")))
    qtbot.waitUntil(lambda: "Aucune autre personne" in step.checks.text(), timeout=20_000)
    assert "seul le demandeur doit apparaître" in step.checks.text()
    assert step.has_frame and not step.live.pixmap().isNull()
    assert step.dossier.photo is None  # never captured automatically while a check fails


def test_a_good_stream_is_captured_automatically_and_kept(make_step, qtbot):
    step = make_step(face())
    qtbot.waitUntil(lambda: step.dossier.photo is not None, timeout=30_000)
    photo = step.dossier.photo
    assert photo.source == "camera" and photo.failing == [] and (photo.width, photo.height) == (413, 531)
    assert "Photo enregistrée" in step.status.text()


def test_override_needs_a_reason_and_is_recorded_all_by_keyboard(make_step, qtbot, audit_trail):
    step = make_step(blurred(face(), 4))
    qtbot.waitUntil(lambda: step.has_frame, timeout=10_000)
    step.capture_button.setFocus()
    QTest.keyClick(step.capture_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: step.pending is not None, timeout=20_000)
    assert step.dossier.photo is None and "Netteté" in step.checks.text()
    assert step.override_button.isEnabled()

    QTest.keyClick(step.override_button, Qt.Key.Key_Space)
    panel = step.override_panel
    assert panel.isVisible() and panel.reason.hasFocus()
    QTest.keyClick(panel.note, Qt.Key.Key_Return)  # no reason chosen
    assert step.dossier.photo is None and "Choisissez le motif" in panel.message.text()

    QTest.keyClick(panel.reason, Qt.Key.Key_Down)  # first reason of the list: medical
    assert panel.reason.currentData() == OverrideReason.MEDICAL
    QTest.keyClicks(panel.note, "Mme DUPONT, strabisme")
    QTest.keyClick(panel.note, Qt.Key.Key_Return)
    photo = step.dossier.photo
    assert photo is not None and photo.override.reason is OverrideReason.MEDICAL
    assert photo.override.checks == ["sharpness"] and photo.override.agent_id == "AG-0042"
    assert photo.unresolved == [] and "motif est enregistré" in step.status.text()
    # The audit trail has who, on which dossier and the reason's code; the agent's note stays in the dossier.
    [entry] = audit_trail.kept.entries()
    assert (entry.event, entry.agent_id, entry.dossier_id, entry.reason) == ("photo_override", "AG-0042",
                                                                             step.dossier.id, "medical")
    assert "DUPONT" not in str(entry.fields()) and "strabisme" not in str(entry.fields())


def test_a_paper_photo_from_the_scanner_goes_through_the_same_checks(make_step, qtbot):
    step = make_step(face("insightface_view.jpg"), page=page_with(print_of("deepface_img30.jpg"), 8))
    step.auto.setChecked(False)
    step.paper_button.click()
    qtbot.waitUntil(lambda: step.dossier.photo is not None or step.pending is not None, timeout=20_000)
    photo = step.dossier.photo or step.pending
    assert photo.source == "scan"
    assert {"face_found", "eyes_open", "sharpness"} <= {c.name for c in photo.checks}


def test_an_ephoto_code_of_the_wrong_length_is_refused_before_any_request(make_step):
    step = make_step(face("insightface_view.jpg"))
    step.ephoto_code.setText("ABC123")
    step.ephoto_button.click()
    assert "22 caractères" in step.status.text()


def test_a_frame_arriving_after_the_step_closed_is_dropped_not_an_error(qtbot):
    """A camera frame already in the event queue when the step closes used to reach a shut-down analysis
    pool and raise in the Qt event loop (seen in CI at teardown)."""
    from station.ui.steps.photo_live import FaceAnalyser

    analyser = FaceAnalyser(Calls(), thresholds=None)  # type: ignore[arg-type]
    analyser.close()
    assert analyser.offer(face(), on_done=lambda _r: None, on_error=lambda _e: None) is False
    analyser.submit(lambda: None, on_done=lambda _r: None, on_error=lambda _e: None)  # nothing runs, nothing raised
