"""A pen, a mouse and a finger on the applicant's signing surface: synthetic Qt events, as the system's
tablet driver and Qt would deliver them, each with its own timestamp.

The pen is a stylus device of our own making (name, pressure capability), so the tests do not depend on
the machine having a tablet; the events go through QApplication.sendEvent, the same path as real ones
from the window down. Times are the events' timestamps (ms), never the test's clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication, QWidget

from hw_mocks.signature_pad import handwriting

PEN_NAME = "Test Pen stylus"
Dot = tuple[float, float, float, int]  # x px, y px, pressure 0..1, timestamp ms


class Pen:
    def __init__(self, surface: QWidget) -> None:
        self.surface = surface
        caps = QInputDevice.Capability.Position | QInputDevice.Capability.Pressure
        self.device = QPointingDevice(PEN_NAME, 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                                      caps, 1, 2)

    def event(self, kind: QEvent.Type, x: float, y: float, pressure: float, t_ms: int, touching: bool) -> None:
        buttons = Qt.MouseButton.LeftButton if touching else Qt.MouseButton.NoButton
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletMove else Qt.MouseButton.LeftButton
        at = QPointF(x, y)
        event = QTabletEvent(kind, self.device, at, self.surface.mapToGlobal(at), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, button, buttons)
        event.setTimestamp(t_ms)
        QApplication.sendEvent(self.surface, event)

    def stroke(self, dots: Sequence[Dot], lift_ms: int = 10) -> None:
        """Touch at the first dot, drag through the others, lift `lift_ms` after the last."""
        (x, y, p, t), *rest = dots
        self.event(QEvent.Type.TabletPress, x, y, p, t, True)
        for x, y, p, t in rest:
            self.event(QEvent.Type.TabletMove, x, y, p, t, True)
        self.event(QEvent.Type.TabletRelease, x, y, 0.0, t + lift_ms, False)

    def hover(self, x: float, y: float, t_ms: int) -> None:
        self.event(QEvent.Type.TabletMove, x, y, 0.0, t_ms, False)

    def sign(self, seed: int, t0_ms: int = 50_000) -> list[list[Dot]]:
        """A person's signature (hw-mocks' handwriting, the seed is the person) in the surface's signing box,
        at sub-pixel positions; returns the strokes posted."""
        box = self.surface.box
        tenth = (round(box.left() * 10), round(box.top() * 10), round(box.right() * 10), round(box.bottom() * 10))
        strokes = [[(x / 10, y / 10, p / 1023, t0_ms + t) for x, y, p, t in s]
                   for s in handwriting.signature(seed, tenth, 1023)]
        for s in strokes:
            self.stroke(s)
            last = s[-1]
            self.hover(last[0] + 3, last[1], last[3] + 40)  # moving to the next stroke, above the glass
        return strokes


def mouse_stroke(surface: QWidget, dots: Sequence[tuple[float, float, int]],
                 device: QPointingDevice | None = None) -> None:
    """A left-button drag (or a finger's, with a touch-screen device) through (x, y, timestamp ms)."""
    device = device or QPointingDevice.primaryPointingDevice()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    last = len(dots) - 1
    for i, (x, y, t) in enumerate(dots):
        kind = QEvent.Type.MouseButtonPress if i == 0 else QEvent.Type.MouseMove
        _mouse(surface, kind, x, y, t, left if i == 0 else none, left, device)
        if i == last:
            _mouse(surface, QEvent.Type.MouseButtonRelease, x, y, t + 10, left, none, device)


def finger() -> QPointingDevice:
    return QPointingDevice("Test touch screen", 4343, QInputDevice.DeviceType.TouchScreen,
                           QPointingDevice.PointerType.Finger, QInputDevice.Capability.Position, 10, 0)


def _mouse(surface: QWidget, kind: QEvent.Type, x: float, y: float, t_ms: int, button: Qt.MouseButton,
           buttons: Qt.MouseButton, device: QPointingDevice) -> None:
    at = QPointF(x, y)
    event = QMouseEvent(kind, at, surface.mapToGlobal(at), button, buttons, Qt.KeyboardModifier.NoModifier, device)
    event.setTimestamp(t_ms)
    QApplication.sendEvent(surface, event)
