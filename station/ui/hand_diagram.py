"""Two open hands, palms towards the agent, drawn with QPainter: the finger asked for is highlighted, kept
fingers are green, fingers recorded as impossible are crossed out. The applicant sees it too, so it shows
which finger to put on the glass without words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from enrollment.fingerprint.model import FingerPosition

from ..strings import label
from .style import BLUE_FRANCE

P = FingerPosition
# Fingers of each hand from left to right as drawn (left hand: little finger first), with their length.
_LEFT = (P.LEFT_LITTLE, P.LEFT_RING, P.LEFT_MIDDLE, P.LEFT_INDEX, P.LEFT_THUMB)
_RIGHT = (P.RIGHT_THUMB, P.RIGHT_INDEX, P.RIGHT_MIDDLE, P.RIGHT_RING, P.RIGHT_LITTLE)
_LENGTH = {"1": 0.45, "6": 0.45, "2": 0.8, "7": 0.8, "3": 0.9, "8": 0.9, "4": 0.82, "9": 0.82, "5": 0.62, "10": 0.62}

ASKED = QColor(BLUE_FRANCE)
KEPT = QColor("#18753c")
IDLE = QColor("#e5e5e5")
OUTLINE = QColor("#3a3a3a")
EXCEPTION = QColor("#ce0500")


class HandDiagram(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.asked: FingerPosition | None = None
        self.kept: set[FingerPosition] = set()
        self.excepted: set[FingerPosition] = set()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(self.sizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(360, 170)

    def show_state(self, asked: FingerPosition | None, kept: set[FingerPosition],
                   excepted: set[FingerPosition]) -> None:
        self.asked, self.kept, self.excepted = asked, set(kept), set(excepted)
        self.update()

    def colour_of(self, finger: FingerPosition) -> QColor:
        if finger == self.asked:
            return ASKED
        if finger in self.kept:
            return KEPT
        return IDLE

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        half = w / 2
        self._hand(p, QRectF(0, 0, half, h), _LEFT, label("finger.hand_left"))
        self._hand(p, QRectF(half, 0, half, h), _RIGHT, label("finger.hand_right"))
        p.end()

    def _hand(self, p: QPainter, box: QRectF, fingers: tuple[FingerPosition, ...], name: str) -> None:
        margin = box.width() * 0.1
        palm = QRectF(box.left() + margin + box.width() * 0.1, box.top() + box.height() * 0.55,
                      box.width() - 2 * margin - box.width() * 0.2, box.height() * 0.42)
        p.setPen(QPen(OUTLINE, 1.5))
        p.setBrush(IDLE)
        p.drawRoundedRect(palm, 14, 14)
        step = (box.width() - 2 * margin) / len(fingers)
        finger_w = step * 0.7
        for i, finger in enumerate(fingers):
            thumb = finger in (P.LEFT_THUMB, P.RIGHT_THUMB)
            length = _LENGTH[finger.value] * box.height() * 0.62
            x = box.left() + margin + i * step + (step - finger_w) / 2
            bottom = palm.top() + (palm.height() * 0.45 if thumb else 8)
            rect = QRectF(x, bottom - length, finger_w, length)
            path = QPainterPath()
            path.addRoundedRect(rect, finger_w / 2, finger_w / 2)
            p.setBrush(self.colour_of(finger))
            p.setPen(QPen(ASKED if finger == self.asked else OUTLINE, 3 if finger == self.asked else 1.5))
            p.drawPath(path)
            if finger in self.excepted:
                p.setPen(QPen(EXCEPTION, 3))
                p.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top() + finger_w * 1.2))
                p.drawLine(QPointF(rect.right(), rect.top()), QPointF(rect.left(), rect.top() + finger_w * 1.2))
        p.setPen(QPen(OUTLINE))
        p.drawText(palm, Qt.AlignmentFlag.AlignCenter, name)
