"""The supporting documents step: proof of address, and the loss or theft declaration when needed."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from devices.document_scanner import ScannedPage
from enrollment.model import Document, DocumentKind, Dossier, Reason

from ...strings import label, message
from ..notifications import agent_message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes, png_bytes
from .base import Step


class DocumentsStep(Step):
    key = "justificatifs"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.preview = Preview(240, 320, "")
        self.scan_button = button(label("documents.scan"), primary=True)
        self.scan_button.clicked.connect(lambda: self.scan(DocumentKind.PROOF_OF_ADDRESS))
        self.declaration_button = button(label("documents.scan_declaration"))
        self.declaration_button.clicked.connect(lambda: self.scan(DocumentKind.LOSS_OR_THEFT_DECLARATION))
        column = QVBoxLayout()
        column.addWidget(self.scan_button)
        column.addWidget(self.declaration_button)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(column)
        row.addWidget(self.preview)
        row.addStretch(1)
        self.outer.addLayout(row)
        self.finish_layout()

    def entered(self) -> None:
        d = self.dossier
        self.declaration_button.setVisible(d is not None and d.reason in (Reason.LOSS, Reason.THEFT))

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.preview.show_pixmap(pixmap_from_bytes(d.documents[-1].png) if d.documents else None)

    def scan(self, kind: DocumentKind) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(message("scan.capturing"))
        self.ctx.calls.run(self.ctx.devices.document_scanner.call("scan", 60.0),
                           lambda page: self._scanned(kind, page), self._failed)

    def _scanned(self, kind: DocumentKind, page: ScannedPage) -> None:
        self.scan_button.setEnabled(True)
        if self.dossier is None:
            return
        import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window

        grey = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) if page.image.ndim == 3 else page.image
        self.dossier.documents = [d for d in self.dossier.documents if d.kind != kind] + [
            Document(kind=kind, png=png_bytes(grey), dpi=page.dpi)
        ]
        self.preview.show_pixmap(pixmap_from_array(page.image))
        self.status.setText(message("scan.done", count=len(self.dossier.documents)))

    def _failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(agent_message(error))
