"""The applicant's signing surface with the system's pen tablet: it reads the pen from Qt's tablet events,
inks what it accepts at once (the applicant sees their own hand without waiting for the pad's worker), and
hands every event to the tablet driver (devices/signature_pad/tablet.py), which judges it too.

A tablet event is the pen: Qt gives its sub-pixel position, its pressure and the system's timestamp. Mouse
and touch events (a finger arrives as a mouse event Qt synthesizes from the touch) are inked only when the
configuration allows them; otherwise the applicant is told to take the pen and nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtWidgets import QWidget

from devices.signature_pad import TabletSample
from devices.signature_pad.tablet_input import MAX_PRESSURE, MOUSE, NO_SENSOR_PRESSURE, PEN, TOUCH

INK = QColor(20, 30, 90)  # dark blue, like a ballpoint (the agent's view uses the same)
FRAME = QColor(150, 160, 175)
MIN_PEN_PX, MAX_PEN_PX = 1.0, 4.0
# The pen's own mouse events, which Qt synthesizes when a tablet event is not accepted: the tablet event
# was the pen already.
_PEN_DEVICES = (QInputDevice.DeviceType.Stylus, QInputDevice.DeviceType.Airbrush, QInputDevice.DeviceType.Puck)


class SigningSurface(QWidget):
    refused = Signal()  # a mouse or a finger touched while only the pen may sign

    def __init__(self, size: QSize, box: QRectF, deliver: Callable[[TabletSample], None],
                 accepts: Callable[[str], bool]) -> None:
        super().__init__()
        self.setObjectName("signingSurface")
        self.setFixedSize(size)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setTabletTracking(True)  # the pen hovering too: the pen test counts it, as the USB pad's does
        self.box = box
        self._deliver, self._accepts = deliver, accepts
        self._image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        self._last: QPointF | None = None
        self.strokes_drawn = 0  # what the applicant sees inked since the last wipe (tests read it)
        self.wipe()

    def wipe(self) -> None:
        self._image.fill(Qt.GlobalColor.white)
        self._last = None
        self.strokes_drawn = 0
        self.update()

    # Events -----------------------------------------------------------------------------------------------

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()  # so that Qt does not send the same pen again as a mouse
        if event.pointerType() == QPointingDevice.PointerType.Eraser:
            return  # the pen turned over to erase: it writes nothing
        kind = event.type()
        down = kind == QEvent.Type.TabletPress or (
            kind == QEvent.Type.TabletMove and bool(event.buttons() & Qt.MouseButton.LeftButton))
        device = event.pointingDevice()
        has_pressure = bool(device.capabilities() & QInputDevice.Capability.Pressure)
        self._take(TabletSample(event.position().x(), event.position().y(), down,
                                event.pressure() if has_pressure else None, event.timestamp(), PEN, device.name()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._mouse(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._mouse(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._mouse(event)

    def _mouse(self, event: QMouseEvent) -> None:
        event.accept()
        device = event.pointingDevice()
        if device.type() in _PEN_DEVICES:
            return
        source = TOUCH if device.type() == QInputDevice.DeviceType.TouchScreen else MOUSE
        down = bool(event.buttons() & Qt.MouseButton.LeftButton)
        self._take(TabletSample(event.position().x(), event.position().y(), down, None, event.timestamp(), source,
                                device.name()))

    def _take(self, sample: TabletSample) -> None:
        if self._accepts(sample.source):
            self._ink(sample)
        elif sample.down:
            self.refused.emit()
        self._deliver(sample)

    # Ink --------------------------------------------------------------------------------------------------

    def _ink(self, sample: TabletSample) -> None:
        if not sample.down:
            self._last = None
            return
        at = QPointF(sample.x, sample.y)
        pressure = NO_SENSOR_PRESSURE / MAX_PRESSURE if sample.pressure is None else sample.pressure
        width = MIN_PEN_PX + (MAX_PEN_PX - MIN_PEN_PX) * pressure
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        if self._last is None:
            self.strokes_drawn += 1
            painter.drawPoint(at)
        else:
            painter.drawLine(self._last, at)
        painter.end()
        self._last = at
        self.update()

    def ink_pixels(self) -> int:
        """Inked pixels (tests: the applicant saw their stroke, or nothing is left after a wipe)."""
        white = QColor(Qt.GlobalColor.white).rgb()
        return sum(1 for y in range(0, self._image.height(), 2) for x in range(0, self._image.width(), 2)
                   if self._image.pixel(x, y) != white)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(FRAME, 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.box)
        painter.end()
