"""The live view of the pad while the applicant signs: strokes appear on the agent's screen as they are drawn.

Points come from the pad's worker thread through `feed()`: a thread-safe queue, and an argument-less
queued signal that wakes the GUI thread to drain it (argument-less because PySide6 mishandles the
reference count of Python objects carried by signals emitted at this rate from non-Qt threads: the
process aborts in "none_dealloc"). Ink is drawn with OpenCV into a numpy image and a repaint is one blit,
however long the signature: few Qt calls per point. The line width follows the pen's pressure.
"""

from __future__ import annotations

import queue
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from devices.signature_pad import PadInfo, PenEvent, PenPoint

if TYPE_CHECKING:
    import numpy as np

INK = (90, 30, 20)  # BGR: dark blue, like a ballpoint
FRAME = (175, 160, 150)
MIN_PEN_PX, MAX_PEN_PX = 1, 4


class SignatureCanvas(QWidget):
    _wake = Signal()  # emitted from the pad's thread; the slot runs on the GUI thread
    notice = Signal(str)  # the pad's word for the agent (a refused pointer), emitted on the GUI thread

    def __init__(self, width: int = 600, height: int = 260) -> None:
        super().__init__()
        self.setObjectName("signatureCanvas")
        self.setFixedSize(QSize(width, height))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.info: PadInfo | None = None
        self.points_drawn = 0  # pen-down points painted into the image since the last clear
        self.strokes_drawn = 0
        # (perf_counter, points_drawn) at each repaint: how the latency bench sees a point reach the screen.
        self.paint_log: list[tuple[float, int]] = []
        # The ink image is made with the first pad event: numpy and OpenCV are not loaded with the window.
        self._pixels: np.ndarray | None = None
        self._image: QImage | None = None
        self._last: PenPoint | None = None
        self._scale, self._origin = 1.0, (0.0, 0.0)
        self._inbox: queue.SimpleQueue[PenEvent] = queue.SimpleQueue()
        self._wake_pending = threading.Event()  # one wake-up in flight is enough: the slot drains everything
        self.clear()
        self._wake.connect(self._drain)

    def feed(self, event: PenEvent) -> None:
        """Thread-safe: queue `event` for drawing on the GUI thread."""
        self._inbox.put(event)
        if not self._wake_pending.is_set():
            self._wake_pending.set()
            self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        self._wake_pending.clear()
        while True:
            try:
                event = self._inbox.get_nowait()
            except queue.Empty:
                return
            self.show_event(event)

    def show_event(self, event: PenEvent) -> None:
        if event.info is not None:
            self._fit(event.info)
        if event.cleared:
            self.clear()
        if event.points:
            self._draw(event.points)
        if event.notice:
            self.notice.emit(event.notice)

    def _fit(self, info: PadInfo) -> None:
        """Map the pad's signing box onto the widget, aspect kept, centred."""
        self.info = info
        x0, y0, x1, y1 = info.box or (0, 0, info.width, info.height)
        margin = 6
        self._scale = min((self.width() - 2 * margin) / (x1 - x0), (self.height() - 2 * margin) / (y1 - y0))
        self._origin = ((self.width() - (x1 - x0) * self._scale) / 2 - x0 * self._scale,
                        (self.height() - (y1 - y0) * self._scale) / 2 - y0 * self._scale)

    def _canvas(self) -> np.ndarray:
        if self._pixels is None:
            import numpy as np

            self._pixels = np.full((self.height(), self.width(), 3), 255, np.uint8)
            self._image = QImage(self._pixels.data, self.width(), self.height(), 3 * self.width(),
                                 QImage.Format.Format_BGR888)
        return self._pixels

    def clear(self) -> None:
        if self._pixels is not None:
            self._pixels[:] = 255
        self._last = None
        self.points_drawn = self.strokes_drawn = 0
        self.paint_log.clear()
        if self.info is not None:
            import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window

            x0, y0, x1, y1 = self.info.box or (0, 0, self.info.width, self.info.height)
            cv2.rectangle(self._canvas(), self._map(x0, y0), self._map(x1 - 1, y1 - 1), FRAME, 1)
        self.update()

    def _map(self, x: float, y: float) -> tuple[int, int]:
        return round(self._origin[0] + x * self._scale), round(self._origin[1] + y * self._scale)

    def _draw(self, points: tuple[PenPoint, ...]) -> None:
        import cv2

        pixels = self._canvas()
        max_p = max(self.info.max_pressure if self.info else 1, 1)
        for pt in points:
            if pt.pressure <= 0:
                self._last = None
                continue
            width = round(MIN_PEN_PX + (MAX_PEN_PX - MIN_PEN_PX) * pt.pressure / max_p)
            if self._last is None:
                self.strokes_drawn += 1
                cv2.circle(pixels, self._map(pt.x, pt.y), max(1, width // 2), INK, -1, cv2.LINE_AA)
            else:
                cv2.line(pixels, self._map(self._last.x, self._last.y), self._map(pt.x, pt.y), INK, width,
                         cv2.LINE_AA)
            self._last = pt
            self.points_drawn += 1
        self.update()

    def ink_pixels(self) -> int:
        """Inked pixels of the view (tests: something was drawn, or nothing is left after a clear)."""
        if self._pixels is None:
            return 0
        import numpy as np

        b, r = self._pixels[..., 0].astype(int), self._pixels[..., 2].astype(int)
        return int(np.count_nonzero((b - r > 30) & (r < 120)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if self._image is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
        else:
            painter.drawImage(0, 0, self._image)
        painter.end()
        self.paint_log.append((time.perf_counter(), self.points_drawn))
