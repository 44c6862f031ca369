"""Live guidance for the photo step: face analysis beside the preview, and the overlay drawn on it.

The preview shows every frame the camera gives; the analysis takes one frame at a time on its own worker
thread and frames arriving meanwhile are *dropped*, never queued, so guidance lags by one analysis at most
and the preview keeps the camera's rate whatever the analysis costs.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from enrollment import face  # its image engines load on first use, after the warm-up (station/ui/engines_warmup.py)
from enrollment.face.thresholds import FaceThresholds

from ..device_calls import Calls

if TYPE_CHECKING:
    import numpy as np


class FaceAnalyser:
    """One worker thread for face work: `offer()` (preview, dropped when busy) and `submit()` (always runs)."""

    def __init__(self, calls: Calls, thresholds: FaceThresholds) -> None:
        self._calls = calls
        self.thresholds = thresholds
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="face-analysis")
        self._busy = False
        self._closed = False
        self.offered = 0
        self.analysed = 0

    @property
    def busy(self) -> bool:
        return self._busy

    def offer(self, image: np.ndarray, on_done: Callable[[face.FaceReport], None],
              on_error: Callable[[BaseException], None]) -> bool:
        """Analyse `image` for guidance unless an analysis is running; False when the frame was dropped."""
        self.offered += 1
        # A frame the camera delivered just before the step closed still arrives through the event queue:
        # it is dropped like any frame that finds the analysis busy.
        if self._busy or self._closed:
            return False
        self.submit(_preview_analysis, image, self.thresholds, on_done=on_done, on_error=on_error)
        return True

    def submit(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        """Run `fn(*args)` on the face worker; the outcome comes back on the GUI thread. Nothing runs once
        the analyser is closed: the step that asked is gone."""
        if self._closed:
            return
        self._busy = True

        def done(result: Any) -> None:
            self._busy = False
            self.analysed += 1
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy = False
            on_error(error)

        future: Future = self._pool.submit(fn, *args)
        self._calls.run(future, done, failed)

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)


OK_COLOUR = QColor(40, 160, 70)
FAIL_COLOUR = QColor(210, 60, 40)


def _preview_analysis(image: np.ndarray, thresholds: FaceThresholds) -> face.FaceReport:
    return face.analyse(image, face.Mode.PREVIEW, thresholds)  # on the analysis worker, engines and all


def with_overlay(pixmap: QPixmap, source_size: tuple[int, int], report: face.FaceReport | None) -> QPixmap:
    """`pixmap` (the frame, maybe scaled) with the face box: green when every check holds, red otherwise;
    other people's faces boxed in red too."""
    if report is None or report.face_box is None:
        return pixmap
    sx = pixmap.width() / source_size[0]
    sy = pixmap.height() / source_size[1]
    out = QPixmap(pixmap)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def box(b: tuple[int, int, int, int], colour: QColor) -> None:
        painter.setPen(QPen(colour, 3))
        left, top, right, bottom = b
        painter.drawRect(QRect(int(left * sx), int(top * sy), int((right - left) * sx), int((bottom - top) * sy)))

    box(report.face_box, OK_COLOUR if report.passed else FAIL_COLOUR)
    for other in report.other_boxes:
        box(other, FAIL_COLOUR)
    painter.end()
    return out
