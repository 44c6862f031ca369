"""Catching a keyboard-wedge barcode reader's keys before any form field does.

Installed on the QApplication when the station's reader is a keyboard wedge, the filter holds each typed key
for a few milliseconds and asks devices/barcode/wedge.py what the keys are: a scan is swallowed whole (the
focused field never sees it) and handed to the reader's `deliver` callback, where the steps' usual
`devices.barcode.call("read", ...)` finds it; keys a person typed are given back to the widget they were
meant for, in order, as they came. Keys no reader types (arrows, shortcuts with Ctrl or Alt) are never held:
they first release what is held, so the order of keys is kept.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from devices.barcode import BarcodeReader, WedgeBarcodeReader, WedgeSettings
from devices.barcode.wedge import Decision, Scan, WedgeClassifier

# GS, RS, US: the 2D-Doc's field separators, which readers type as Ctrl+], Ctrl+^ and Ctrl+_.
_SEPARATORS = ("\x1d", "\x1e", "\x1f")
_NOT_TYPED = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.MetaModifier)


def _char(event: QKeyEvent) -> str | None:
    """The character a reader could have typed with this key, or None (a shortcut, an arrow, a bare Shift)."""
    text = event.text()
    if text in _SEPARATORS:
        return text
    if len(text) != 1 or event.modifiers() & _NOT_TYPED:
        return None
    return text


class WedgeFilter(QObject):
    def __init__(self, settings: WedgeSettings, deliver: Callable[[str], None],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._classifier = WedgeClassifier(settings)
        self._deliver = deliver
        self.clock = clock  # the time of each key (a test steps it)
        self._replaying = False
        # Fires once the held burst has been quiet longer than a reader's gap: it is then typing.
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(math.ceil(settings.max_gap_ms) + 1)
        self._quiet.timeout.connect(self.flush)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Only at the widget: the window (a QWindow) sees the key first and hands it to the focused widget.
        if self._replaying or event.type() != QEvent.Type.KeyPress or not obj.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        char = _char(event)
        if char is None:
            self._act(self._classifier.give_back())
            return False
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat(),
                         event.count())
        self.feed(char, self.clock(), (obj, copy))
        return True

    def feed(self, char: str, timestamp_s: float, key: tuple[QObject, QKeyEvent] | None = None) -> None:
        """One typed key with its time, as the filter feeds each key; `key` (the widget and a copy of its
        event) is what is given back if it was typing: without it, a key found to be typing is dropped."""
        self._act(self._classifier.feed(char, timestamp_s, key))
        if self._classifier.holding:
            self._quiet.start()

    def flush(self) -> None:
        """Give the held keys back if the burst has gone quiet (the timer, or a test's clock moved on)."""
        self._act(self._classifier.flush(self.clock()))
        if self._classifier.holding:
            self._quiet.start()

    def remove(self) -> None:
        """Stop catching keys (the window closes); held keys go back first."""
        self._quiet.stop()
        self._act(self._classifier.give_back())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _act(self, decisions: list[Decision]) -> None:
        for decision in decisions:
            if isinstance(decision, Scan):
                self._deliver(decision.text)
            else:
                self._give_back(decision.keys)

    def _give_back(self, keys: tuple[object, ...]) -> None:
        self._replaying = True
        try:
            for key in keys:
                if isinstance(key, tuple):
                    target, event = key
                    if shiboken6.isValid(target):  # the page may have gone meanwhile
                        QApplication.sendEvent(target, event)
        finally:
            self._replaying = False


def install(reader: BarcodeReader, parent: QObject) -> WedgeFilter | None:
    """Catch the reader's keys in the whole application when it is a keyboard wedge (else None). The filter
    lives as long as `parent`: Qt removes a destroyed filter from the application by itself."""
    if not isinstance(reader, WedgeBarcodeReader):
        return None
    wedge = WedgeFilter(reader.settings, reader.deliver, parent=parent)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(wedge)
    reader.capture_started()
    return wedge
