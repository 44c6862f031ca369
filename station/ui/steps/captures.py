"""The capture steps: photo, fingerprints, signature, supporting documents. Every device call runs on the
device's worker; the screen only sends requests and shows what comes back."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QInputDialog, QLabel, QVBoxLayout

from devices.camera import Frame
from devices.document_scanner import ScannedPage
from devices.fingerprint import FingerImage
from devices.signature_pad import PenTrace
from enrollment.errors import EnrollmentError
from enrollment.model import Document, DocumentKind, Dossier, FingerPosition, Fingerprint, Reason, Signature
from enrollment.photo import face_photo_from_frame
from enrollment.signature import render_signature

from ...notifications import agent_message
from ...strings import label, message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes
from .base import Step

PREVIEW_INTERVAL_MS = 66  # ~15 frames/s asked; a request waits for the previous one, so none pile up


def png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise EnrollmentError("image.encode", "L'image n'a pas pu être enregistrée : recommencez.")
    return data.tobytes()


class PhotoStep(Step):
    key = "photo"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.live = Preview(480, 270, "")
        self.result = Preview(207, 266, label("photo.none"))
        self.capture_button = button(label("photo.capture"), primary=True)
        self.capture_button.clicked.connect(self.capture)
        row = QHBoxLayout()
        row.addWidget(self.live)
        row.addWidget(self.result)
        row.addStretch(1)
        self.outer.addLayout(row)
        self.outer.addWidget(self.capture_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.finish_layout()
        self._frame: np.ndarray | None = None
        self._waiting = False
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_INTERVAL_MS)
        self.timer.timeout.connect(self._request_frame)

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.result.show_pixmap(pixmap_from_bytes(d.photo.jpeg) if d.photo else None)

    def entered(self) -> None:
        self.timer.start()

    def left(self) -> None:
        self.timer.stop()

    def _request_frame(self) -> None:
        if self._waiting:
            return
        self._waiting = True
        self.ctx.calls.run(self.ctx.devices.camera.call("read_frame"), self._frame_arrived, self._camera_failed)

    def _frame_arrived(self, frame: Frame) -> None:
        self._waiting = False
        self._frame = frame.image
        self.live.show_pixmap(pixmap_from_array(frame.image))

    def _camera_failed(self, error: BaseException) -> None:
        self._waiting = False
        self.status.setText(agent_message(error))

    @property
    def has_frame(self) -> bool:
        return self._frame is not None

    def capture(self) -> None:
        if self._frame is None or self.dossier is None:
            self.status.setText(message("photo.capturing"))
            return
        try:
            photo = face_photo_from_frame(self._frame, source="camera")
        except EnrollmentError as exc:
            self.status.setText(exc.message)
            return
        self.dossier.photo = photo
        self.result.show_pixmap(pixmap_from_bytes(photo.jpeg))
        self.status.setText(message("photo.done", width=photo.width, height=photo.height))


FINGERS = ((FingerPosition.RIGHT_INDEX, "finger.right_index"), (FingerPosition.LEFT_INDEX, "finger.left_index"))


class FingerprintStep(Step):
    key = "empreintes"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        grid = QGridLayout()
        self.previews: dict[FingerPosition, Preview] = {}
        self.buttons: dict[FingerPosition, object] = {}
        for col, (pos, key) in enumerate(FINGERS):
            name = label(key)
            grid.addWidget(QLabel(name), 0, col)
            preview = Preview(200, 240, label("finger.none"))
            grid.addWidget(preview, 1, col)
            b = button(label("finger.capture", finger=name.lower()), primary=col == 0)
            b.clicked.connect(lambda _=False, p=pos: self.capture(p))
            grid.addWidget(b, 2, col)
            self.previews[pos], self.buttons[pos] = preview, b
        self.outer.addLayout(grid)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        kept = {f.position: f for f in d.fingerprints}
        for pos, preview in self.previews.items():
            preview.show_pixmap(pixmap_from_bytes(kept[pos].png) if pos in kept else None)

    def capture(self, position: FingerPosition) -> None:
        for b in self.buttons.values():
            b.setEnabled(False)
        self.status.setText(message("finger.capturing"))
        self.ctx.calls.run(
            self.ctx.devices.fingerprint.call("capture", position.value, 15.0),
            lambda img: self._captured(position, img),
            self._failed,
        )

    def _captured(self, position: FingerPosition, img: FingerImage) -> None:
        for b in self.buttons.values():
            b.setEnabled(True)
        if self.dossier is None:
            return
        h, w = img.pixels.shape
        record = Fingerprint(position=position, png=png(img.pixels), width=w, height=h, ppi=img.ppi)
        self.dossier.fingerprints = [f for f in self.dossier.fingerprints if f.position != position] + [record]
        self.previews[position].show_pixmap(pixmap_from_array(img.pixels))
        self.status.setText(message("finger.done"))

    def _failed(self, error: BaseException) -> None:
        for b in self.buttons.values():
            b.setEnabled(True)
        self.status.setText(agent_message(error))


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
        grey = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) if page.image.ndim == 3 else page.image
        self.dossier.documents = [d for d in self.dossier.documents if d.kind != kind] + [
            Document(kind=kind, png=png(grey), dpi=page.dpi)
        ]
        self.preview.show_pixmap(pixmap_from_array(page.image))
        self.status.setText(message("scan.done", count=len(self.dossier.documents)))

    def _failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(agent_message(error))
