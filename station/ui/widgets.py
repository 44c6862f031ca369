"""Small building blocks the screens share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableWidget, QWidget

from enrollment.errors import EnrollmentError

from ..strings import message

if TYPE_CHECKING:
    import numpy as np


def title(text: str) -> QLabel:
    w = QLabel(text)
    w.setObjectName("pageTitle")
    return w


def read_only_table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    """A list the agent reads and selects in, never edits: every column fits its contents, and column
    `stretch` (all of them when None) takes the width left."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    return table


def hint(text: str = "") -> QLabel:
    w = QLabel(text)
    w.setObjectName("hint")
    w.setWordWrap(True)
    return w


def button(text: str, primary: bool = False, parent: QWidget | None = None) -> QPushButton:
    b = QPushButton(text, parent)
    if primary:
        b.setProperty("primary", True)
    b.setAutoDefault(True)
    return b


def pixmap_from_array(image: np.ndarray) -> QPixmap:
    """BGR or grey numpy image → QPixmap (copied, so the array may be freed)."""
    import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window
    import numpy as np

    if image.ndim == 2:
        h, w = image.shape
        q = QImage(np.ascontiguousarray(image).data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        h, w, _ = rgb.shape
        q = QImage(np.ascontiguousarray(rgb).data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(q.copy())


def side_by_side(images: list[np.ndarray], gap: int = 16) -> np.ndarray:
    """Pages next to each other at one height, for a preview of a scan of several pages."""
    import cv2
    import numpy as np

    height = min(i.shape[0] for i in images)
    scaled = [cv2.resize(i, (max(1, round(i.shape[1] * height / i.shape[0])), height), interpolation=cv2.INTER_AREA)
              for i in images]
    grey = [i if i.ndim == 2 else cv2.cvtColor(i, cv2.COLOR_BGR2GRAY) for i in scaled]
    spacer = np.full((height, gap), 128, np.uint8)
    row = [grey[0]]
    for page in grey[1:]:
        row += [spacer, page]
    return np.hstack(row)


def png_bytes(image: np.ndarray) -> bytes:
    """Lossless PNG of a grey or BGR image, as the dossier keeps scans and prints."""
    import cv2

    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise EnrollmentError("image.encode", message("image.encode"))
    return data.tobytes()


def pixmap_from_bytes(data: bytes) -> QPixmap:
    p = QPixmap()
    p.loadFromData(data)
    return p


class Preview(QLabel):
    """A fixed-size image well that keeps the aspect ratio of what it shows."""

    def __init__(self, width: int, height: int, empty_text: str = "") -> None:
        super().__init__(empty_text)
        self.setObjectName("preview")
        self.setFixedSize(width, height)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty = empty_text

    def show_pixmap(self, pixmap: QPixmap | None) -> None:
        if pixmap is None or pixmap.isNull():
            self.clear()
            self.setText(self._empty)
            return
        self.setPixmap(pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
