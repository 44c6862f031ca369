"""The signature step: the applicant signs on the pad, or the agent records an exemption."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QInputDialog

from devices.signature_pad import PenTrace
from enrollment.errors import EnrollmentError
from enrollment.model import Dossier, Signature
from enrollment.signature.render import render_signature

from ...notifications import agent_message
from ...strings import label, message
from ..widgets import Preview, button, pixmap_from_bytes
from .base import Step


class SignatureStep(Step):
    key = "signature"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.preview = Preview(600, 150, "")
        self.capture_button = button(label("signature.capture"), primary=True)
        self.capture_button.clicked.connect(self.capture)
        self.exempt_button = button(label("signature.exempt"))
        self.exempt_button.clicked.connect(self.exempt)
        row = QHBoxLayout()
        row.addWidget(self.capture_button)
        row.addWidget(self.exempt_button)
        row.addStretch(1)
        self.outer.addWidget(self.preview)
        self.outer.addLayout(row)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        sig = d.signature
        self.preview.show_pixmap(pixmap_from_bytes(sig.png) if sig and sig.png else None)
        if sig and sig.exemption:
            self.status.setText(message("signature.exempted", mention=sig.exemption))

    def capture(self) -> None:
        self.capture_button.setEnabled(False)
        self.status.setText(message("signature.capturing"))
        self.ctx.calls.run(self.ctx.devices.signature_pad.call("capture", 120.0), self._captured, self._failed)

    def _captured(self, trace: PenTrace) -> None:
        self.capture_button.setEnabled(True)
        if self.dossier is None:
            return
        try:
            data = render_signature([(p.x, p.y, p.pressure) for p in trace.points], trace.width, trace.height,
                                    trace.max_pressure)
        except EnrollmentError as exc:
            self.status.setText(exc.message)
            return
        self.dossier.signature = Signature(png=data)
        self.preview.show_pixmap(pixmap_from_bytes(data))
        self.status.setText(message("signature.done"))

    def _failed(self, error: BaseException) -> None:
        self.capture_button.setEnabled(True)
        self.status.setText(agent_message(error))

    def exempt(self) -> None:
        options = [label("signature.exempt.child"), label("signature.exempt.unable")]
        title = label("signature.exempt")
        mention, ok = QInputDialog.getItem(self, title, title, options, 0, False)
        if ok and self.dossier is not None:
            self.dossier.signature = Signature(exemption=mention)
            self.preview.show_pixmap(None)
            self.status.setText(message("signature.exempted", mention=mention))
