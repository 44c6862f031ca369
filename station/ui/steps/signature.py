"""The signature step: the applicant signs on the pad while the agent watches the strokes appear, then the
agent validates; or the agent records an exemption (a child under the age rule is offered one by default)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from devices.signature_pad import PenEvent, PenTrace
from enrollment.audit import AuditEvent
from enrollment.documents_required import is_minor
from enrollment.errors import EnrollmentError
from enrollment.guardian import Guardian
from enrollment.model import Dossier, Signature
from enrollment.signature import PenSample, SignatureExemption, SignatureSeries, exempted, signed, too_young_to_sign

from ...strings import label, message
from ..notifications import agent_message
from ..signature_canvas import SignatureCanvas
from ..widgets import Preview, button, pixmap_from_bytes
from .base import Step

CAPTURE_TIMEOUT_S = 120.0  # the applicant reads, signs, maybe starts over: two minutes before giving up
EXEMPTIONS = ((SignatureExemption.CHILD, "signature.exempt.child"),
              (SignatureExemption.UNABLE, "signature.exempt.unable"))


def series_from(trace: PenTrace) -> SignatureSeries:
    """The driver's trace as the domain's time series (the station is where the two layers meet)."""
    return SignatureSeries(tuple(PenSample(p.x, p.y, p.pressure, p.t_ms) for p in trace.points), trace.width,
                           trace.height, trace.max_pressure, trace.box, float(trace.units_per_mm), trace.rate_hz)


class SignatureStep(Step):
    key = "signature"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.capturing = False
        self.pending: Signature | None = None  # checked and rendered, waiting for the agent's validation
        self.canvas = SignatureCanvas()
        self.canvas.notice.connect(self.status.setText)  # e.g. the applicant took the mouse, not the pen
        self.preview = Preview(300, 75, "")
        self.capture_button = button(label("signature.capture"), primary=True)
        self.capture_button.clicked.connect(self.capture)
        self.clear_button = button(label("signature.clear"))
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        self.confirm_button = button(label("signature.confirm"), primary=True)
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setEnabled(False)
        row = QHBoxLayout()
        for b in (self.capture_button, self.clear_button, self.confirm_button):
            row.addWidget(b)
        row.addStretch(1)
        self.exempt_reason = QComboBox()
        for reason, key in EXEMPTIONS:
            self.exempt_reason.addItem(label(key), reason)
        self.exempt_button = button(label("signature.exempt.record"))
        self.exempt_button.clicked.connect(self.exempt)
        exempt_row = QHBoxLayout()
        exempt_row.addWidget(QLabel(label("signature.exempt")))
        exempt_row.addWidget(self.exempt_reason)
        exempt_row.addWidget(self.exempt_button)
        exempt_row.addStretch(1)
        self.outer.addWidget(self.canvas)
        self.outer.addLayout(row)
        self.outer.addWidget(QLabel(label("signature.title_image")))
        self.outer.addWidget(self.preview)
        self.outer.addLayout(exempt_row)
        # A minor's application is also signed by the holder of parental authority, on the same pad.
        self.guardian_button = button(label("signature.guardian"))
        self.guardian_button.clicked.connect(self.capture_guardian)
        self.guardian_preview = Preview(300, 75, "")
        self.guardian_row = QWidget()
        guardian_row = QHBoxLayout(self.guardian_row)
        guardian_row.setContentsMargins(0, 0, 0, 0)
        guardian_row.addWidget(self.guardian_button)
        guardian_row.addWidget(self.guardian_preview)
        guardian_row.addStretch(1)
        self.outer.addWidget(self.guardian_row)
        self.finish_layout()

    @property
    def pad(self):
        return self.ctx.devices.signature_pad

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.pending = None
        self.confirm_button.setEnabled(False)
        sig = d.signature
        self.preview.show_pixmap(pixmap_from_bytes(sig.png) if sig and sig.png else None)
        minor = is_minor(d, self.ctx.today())
        self.guardian_row.setVisible(minor)
        g = d.guardian.signature if d.guardian else None
        self.guardian_preview.show_pixmap(pixmap_from_bytes(g.png) if g and g.png else None)
        child = too_young_to_sign(d.civil.birth_date, self.ctx.today(), self.ctx.rules())
        self.exempt_reason.setCurrentIndex(0 if child else 1)
        self.exempt_button.setProperty("primary", child)
        if sig and sig.exemption:
            self.status.setText(message("signature.exempted", mention=sig.exemption))
        elif sig and sig.png:
            self.status.setText(message("signature.done"))
        elif child:
            self.status.setText(message("signature.child_offered", min_age=self.ctx.rules().signature_min_age))
        else:
            self.status.setText("")

    # Capture -------------------------------------------------------------------------------------------------

    def capture(self) -> None:
        self.capturing = True
        self.pending = None
        self.capture_button.setEnabled(False)
        self.confirm_button.setEnabled(False)
        self.clear_button.setEnabled(True)
        self.preview.show_pixmap(None)
        self.status.setText(message("signature.capturing"))
        future = self.pad.call("capture", CAPTURE_TIMEOUT_S, on_event=self._on_pen)
        self.ctx.calls.run(future, self._captured, self._failed)

    def capture_guardian(self) -> None:
        self.capturing = True
        self.capture_button.setEnabled(False)
        self.guardian_button.setEnabled(False)
        self.clear_button.setEnabled(True)
        self.status.setText(message("signature.guardian_capturing"))
        future = self.pad.call("capture", CAPTURE_TIMEOUT_S, on_event=self._on_pen)
        self.ctx.calls.run(future, self._guardian_captured, self._guardian_failed)

    def _guardian_captured(self, trace: PenTrace) -> None:
        self._end_capture()
        self.guardian_button.setEnabled(True)
        if self.dossier is None:
            return
        try:
            sig = signed(series_from(trace), datetime.now(UTC))
        except EnrollmentError as exc:
            self.status.setText(exc.message)
            return
        self.dossier.guardian = self.dossier.guardian or Guardian()
        self.dossier.guardian.signature = sig
        self.guardian_preview.show_pixmap(pixmap_from_bytes(sig.png or b""))
        self.status.setText(message("signature.guardian_done"))

    def _guardian_failed(self, error: BaseException) -> None:
        self.guardian_button.setEnabled(True)
        self._failed(error)

    def _on_pen(self, event: PenEvent) -> None:
        """On the pad's worker thread: hand the points to the canvas (thread-safe)."""
        try:
            self.canvas.feed(event)
        except RuntimeError:
            pass  # the window is closing: nobody is left to draw for

    def clear(self) -> None:
        """Effacer: the pad and the view start blank; the applicant signs again in the same capture."""
        if self.capturing:
            self.pad.driver.clear()  # thread-safe flag: the capture loop erases within a read slice

    def _end_capture(self) -> None:
        self.capturing = False
        self.capture_button.setEnabled(True)
        self.clear_button.setEnabled(False)

    def _captured(self, trace: PenTrace) -> None:
        self._end_capture()
        self.capture_button.setText(label("signature.retry"))
        try:
            self.pending = signed(series_from(trace), datetime.now(UTC))
        except EnrollmentError as exc:
            self.status.setText(exc.message)
            return
        self.preview.show_pixmap(pixmap_from_bytes(self.pending.png or b""))
        self.confirm_button.setEnabled(True)
        self.status.setText(message("signature.check"))

    def _failed(self, error: BaseException) -> None:
        self._end_capture()
        self.status.setText(agent_message(error))

    def confirm(self) -> None:
        if self.dossier is None or self.pending is None:
            return
        self.dossier.signature = self.pending
        self.pending = None
        self.confirm_button.setEnabled(False)
        self.status.setText(message("signature.done"))

    def exempt(self) -> None:
        if self.dossier is None:
            return
        reason = SignatureExemption(self.exempt_reason.currentData())
        self.dossier.signature = exempted(reason, self.ctx.rules())
        session = self.ctx.session
        self.ctx.audit.record(AuditEvent.SIGNATURE_EXEMPTION, session.agent_id if session else None,
                              dossier_id=self.dossier.id, reason=reason.value)
        self.pending = None
        self.confirm_button.setEnabled(False)
        self.preview.show_pixmap(None)
        self.status.setText(message("signature.exempted", mention=self.dossier.signature.exemption))

    def left(self) -> None:
        if self.capturing:
            self.pad.driver.cancel()  # frees the pad's worker; the capture ends with "signature.cancelled"

