"""The window's notification banner: one line under the header, coloured by level, gone after a while."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

BANNER_MS = 8000


class Banner(QLabel):
    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setMargin(10)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def announce(self, level: str, text: str) -> None:
        """Show `text` at `level` (the style sheet's colours) for BANNER_MS."""
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()
        self._timer.start(BANNER_MS)
