"""The photo step: live preview from the camera, capture, the portrait kept in the dossier."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout

from devices.camera import Frame
from enrollment.errors import EnrollmentError
from enrollment.face.token import face_photo_from_frame
from enrollment.model import Dossier

from ...notifications import agent_message
from ...strings import label, message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes
from .base import Step

PREVIEW_INTERVAL_MS = 66  # ~15 frames/s asked; a request waits for the previous one, so none pile up


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
