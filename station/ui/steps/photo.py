"""The photo step: live camera preview with guidance, capture (by the agent or automatic), the other sources
(ePhoto code, paper print), the override with a reason, and the renewal comparison.

Frames come from the camera's device worker; face analysis runs on its own worker (photo_live.py). A photo
enters the dossier only when every check passes or the agent has accepted the failing ones with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from devices.camera import Frame
from devices.document_scanner import ScannedPage
from enrollment import face  # its image engines load on first use, after the warm-up (station/ui/engines_warmup.py)
from enrollment.audit import AuditEvent
from enrollment.errors import EnrollmentError
from enrollment.face.model import FacePhoto, OverrideReason, PhotoSource
from enrollment.face.thresholds import FaceThresholds
from enrollment.model import Dossier, Reason
from sync import ephoto
from sync.errors import SyncError

from ...config import Config
from ...strings import label, message
from ..notifications import agent_message
from ..widgets import Preview, button, hint, pixmap_from_array, pixmap_from_bytes
from . import photo_sources as sources
from .base import Step
from .photo_live import FaceAnalyser, with_overlay
from .photo_override import OverridePanel

DEFAULT_FRAME_INTERVAL_MS = 66  # until the camera tells its rate; a request waits for the previous one
AUTO_CAPTURE_FRAMES = 3  # consecutive analysed frames with every check holding before the automatic capture


def thresholds_for(config: Config) -> FaceThresholds:
    """The face table with the configuration's overrides (validated when the configuration loaded)."""
    return FaceThresholds.with_overrides(dict(config.face))


def check_lines(report: face.FaceReport, failing_only: bool) -> str:
    lines = []
    for c in report.checks:
        if failing_only and c.passed:
            continue
        value = "—" if c.value is None else f"{c.value:g}{c.unit}"
        line = label("photo.check_line", mark="✓" if c.passed else "✗", label=c.label, value=value,
                     limit=c.limit or "—")
        lines.append(line if c.passed else f"{line}\n    {c.instruction}")
    return "\n".join(lines) or message("photo.all_good")


class PhotoStep(Step):
    key = "photo"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.thresholds = thresholds_for(ctx.config)
        self.analyser = FaceAnalyser(ctx.calls, self.thresholds)
        self.live = Preview(480, 270, label("photo.none"))
        self.result = Preview(207, 266, label("photo.none"))
        self.checks = QLabel(message("photo.no_frame"))
        self.checks.setWordWrap(True)
        self.checks.setObjectName("hint")
        self.checks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.capture_button = button(label("photo.capture"), primary=True)
        self.capture_button.clicked.connect(lambda: self.capture(auto=False))
        self.auto = QCheckBox(label("photo.auto"))
        self.auto.setChecked(True)
        self.override_button = button(label("photo.override"))
        self.override_button.clicked.connect(self._ask_override)
        self.override_panel = OverridePanel(self._override, self._cancel_override)
        self.ephoto_code = QLineEdit()
        self.ephoto_code.setMaxLength(40)
        self.ephoto_button = button(label("photo.source.ephoto_fetch"))
        self.ephoto_button.clicked.connect(self.fetch_ephoto)
        self.ephoto_code.returnPressed.connect(self.fetch_ephoto)
        self.paper_button = button(label("photo.source.paper"))
        self.paper_button.clicked.connect(self.scan_paper)
        self.renewal_button = button(label("photo.renewal"))
        self.renewal_button.clicked.connect(self.compare_previous)
        self._layout()
        self._frame = None  # the last frame's image (Frame.image: BGR numpy), None before the first
        self._sequence = -1
        self._waiting = False
        self._last_report: face.FaceReport | None = None
        self._streak = 0
        self._capturing = False
        self.pending: FacePhoto | None = None  # a captured photo with failing checks, not in the dossier
        self.timer = QTimer(self)
        self.timer.setInterval(DEFAULT_FRAME_INTERVAL_MS)
        self.timer.timeout.connect(self._request_frame)

    def _layout(self) -> None:
        self.outer.addWidget(hint(message("photo.live_hint")))
        sources_row = QHBoxLayout()
        code_label = QLabel(label("photo.source.ephoto"))
        code_label.setBuddy(self.ephoto_code)
        for w in (code_label, self.ephoto_code, self.ephoto_button, self.paper_button, self.renewal_button):
            sources_row.addWidget(w)
        sources_row.addStretch(1)
        self.outer.addLayout(sources_row)
        row = QHBoxLayout()
        row.addWidget(self.live, alignment=Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(self.result)
        column.addStretch(1)
        row.addLayout(column)
        row.addWidget(self.checks, 1)
        self.outer.addLayout(row)
        buttons = QHBoxLayout()
        for w in (self.capture_button, self.auto, self.override_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        self.outer.addLayout(buttons)
        self.outer.addWidget(self.override_panel)
        self.override_panel.hide()
        self.override_button.setEnabled(False)
        self.finish_layout()

    # -- lifecycle ---------------------------------------------------------------------------------------

    def load(self, d: Dossier) -> None:
        super().load(d)
        # The face limits in force for this dossier: a verified "rules" reference list may have changed them.
        self.thresholds = self.analyser.thresholds = FaceThresholds.with_overrides(
            self.ctx.reference.face_overrides())
        self.pending = None
        self.override_button.setEnabled(False)
        self.override_panel.hide()
        self.result.show_pixmap(pixmap_from_bytes(d.photo.jpeg) if d.photo else None)

    def entered(self) -> None:
        self._streak = 0
        self.renewal_button.setVisible(self.dossier is not None and self.dossier.reason is Reason.RENEWAL)
        self.ctx.calls.run(self.ctx.devices.camera.call("info"), self._camera_info, lambda _e: None)
        self.timer.start()

    def left(self) -> None:
        self.timer.stop()

    def _camera_info(self, info) -> None:
        if getattr(info, "fps", 0) > 0:
            self.timer.setInterval(max(15, int(1000 / info.fps)))

    @property
    def has_frame(self) -> bool:
        return self._frame is not None

    @property
    def auto_armed(self) -> bool:
        """Automatic capture runs until the dossier holds a photo."""
        return self.auto.isChecked() and self.dossier is not None and self.dossier.photo is None

    # -- live preview ------------------------------------------------------------------------------------

    def _request_frame(self) -> None:
        if self._waiting:
            return
        self._waiting = True
        self.ctx.calls.run(self.ctx.devices.camera.call("read_frame"), self._frame_arrived, self._camera_failed)

    def _frame_arrived(self, frame: Frame) -> None:
        self._waiting = False
        image = frame.image
        sequence = getattr(frame, "sequence", 0)
        fresh = sequence != self._sequence or sequence == 0
        self._sequence, self._frame = sequence, image
        h, w = image.shape[:2]
        self.live.show_pixmap(with_overlay(pixmap_from_array(image), (w, h), self._last_report))
        if fresh and not self._capturing:
            self.analyser.offer(image, self._guided, self._analysis_failed)

    def _camera_failed(self, error: BaseException) -> None:
        self._waiting = False
        self.status.setText(agent_message(error))

    def _guided(self, report: face.FaceReport) -> None:
        if self._capturing:
            return
        self._last_report = report
        self.checks.setText(check_lines(report, failing_only=True))
        self._streak = self._streak + 1 if report.passed else 0
        if self._streak >= AUTO_CAPTURE_FRAMES and self.auto_armed:
            self._streak = 0
            self.capture(auto=True)

    def _analysis_failed(self, error: BaseException) -> None:
        self.checks.setText(agent_message(error))

    # -- capture and the other sources -------------------------------------------------------------------

    def capture(self, auto: bool = False) -> None:
        if self._frame is None or self.dossier is None:
            self.status.setText(message("photo.no_frame"))
            return
        camera = self.ctx.devices.camera
        if camera.driver.takes_stills:
            # A certified camera takes the photo itself and signs it: that image is checked and kept, not
            # the preview's last frame.
            self._capturing = True
            self.capture_button.setEnabled(False)
            self.checks.setText(message("photo.analysing"))
            self.ctx.calls.run(camera.call("capture_still"),
                               lambda still: self._start_check(sources.full_check, still.image, PhotoSource.CAMERA,
                                                               self.thresholds),
                               self._source_failed)
            return
        self._start_check(sources.full_check, self._frame, PhotoSource.CAMERA, self.thresholds)

    def fetch_ephoto(self) -> None:
        length = self.ctx.config.cert.ephoto_code_length
        try:
            code = ephoto.normalise_code(self.ephoto_code.text(), length)
        except SyncError:
            self.status.setText(message("photo.ephoto_format", length=length))
            return
        self.status.setText(message("photo.ephoto_fetching"))
        self._start_check(sources.ephoto_check, self.ctx.config, code, self.thresholds)

    def scan_paper(self) -> None:
        self.status.setText(message("photo.paper_scanning"))
        self.paper_button.setEnabled(False)
        self.ctx.calls.run(self.ctx.devices.document_scanner.call("scan", 60.0), self._paper_scanned,
                           self._source_failed)

    def _paper_scanned(self, page: ScannedPage) -> None:
        self.paper_button.setEnabled(True)
        self._start_check(sources.paper_check, page.image, self.thresholds)

    def _start_check(self, fn, *args) -> None:
        self._capturing = True
        self.capture_button.setEnabled(False)
        self.checks.setText(message("photo.analysing"))
        self.analyser.submit(fn, *args, on_done=self._checked, on_error=self._source_failed)

    def _source_failed(self, error: BaseException) -> None:
        self._capturing = False
        self.capture_button.setEnabled(True)
        self.paper_button.setEnabled(True)
        self.status.setText(agent_message(error))

    def _checked(self, outcome: tuple[face.FaceReport, FacePhoto | None]) -> None:
        self._capturing = False
        self.capture_button.setEnabled(True)
        report, photo = outcome
        self.checks.setText(check_lines(report, failing_only=False))
        if photo is None or self.dossier is None:
            self.status.setText(report.failing[0].instruction if report.failing else message("photo.no_frame"))
            return
        if report.passed:
            self._keep(photo)
            self.status.setText(message("photo.done", width=photo.width, height=photo.height))
            return
        self.pending = photo
        self.result.show_pixmap(pixmap_from_bytes(photo.jpeg))
        self.override_button.setEnabled(True)
        self.status.setText(message("photo.rejected", count=len(photo.failing)))

    def _keep(self, photo: FacePhoto) -> None:
        assert self.dossier is not None
        self.pending = None
        self.override_button.setEnabled(False)
        self.override_panel.hide()
        self.dossier.photo = photo
        self.result.show_pixmap(pixmap_from_bytes(photo.jpeg))

    # -- override ----------------------------------------------------------------------------------------

    def _ask_override(self) -> None:
        if self.pending is not None:
            self.override_panel.open(message("photo.override_ask"))

    def _override(self, reason: OverrideReason | None, note: str) -> None:
        if self.pending is None:
            return
        agent_id = self.ctx.session.agent_id if self.ctx.session else ""
        try:
            photo = face.with_override(self.pending, reason or "", note, agent_id)
        except EnrollmentError as exc:
            self.override_panel.message.setText(exc.message)
            return
        self._keep(photo)
        if self.dossier is not None and photo.override is not None:
            self.ctx.audit.record(AuditEvent.PHOTO_OVERRIDE, agent_id or None, dossier_id=self.dossier.id,
                                  reason=photo.override.reason.value)
        self.status.setText(message("photo.overridden", count=len(photo.override.checks)))

    def _cancel_override(self) -> None:
        self.override_panel.hide()
        self.override_button.setFocus()

    # -- renewal -----------------------------------------------------------------------------------------

    def compare_previous(self) -> None:
        if self.dossier is None or self.dossier.photo is None:
            self.status.setText(message("photo.renewal_needs_photo"))
            return
        self.status.setText(message("photo.renewal_scanning"))
        self.ctx.calls.run(self.ctx.devices.document_scanner.call("scan", 60.0), self._previous_scanned,
                           self._source_failed)

    def _previous_scanned(self, page: ScannedPage) -> None:
        assert self.dossier is not None and self.dossier.photo is not None
        new = sources.decode(self.dossier.photo.jpeg)
        self.analyser.submit(face.renewal.compare, new, page.image, "scan", self.thresholds,
                             on_done=self._compared, on_error=self._source_failed)

    def _compared(self, comparison) -> None:
        if self.dossier is None or self.dossier.photo is None:
            return
        self.dossier.photo = self.dossier.photo.model_copy(update={"renewal": comparison})
        text = face.renewal.verdict(comparison)
        self.status.setText(text)
        if comparison.likely_mismatch:
            self.ctx.notifications.warning(text)
