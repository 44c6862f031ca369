"""The outbox at a glance: an alert box when a dossier waits too long, and the queue's summary line(s).

The home page shows it compact (alert, else a discreet count); the transmissions page in full (alert,
count and oldest, last error). Both are fed the same `OutboxSummary` by the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..outbox_status import OutboxSummary
from .widgets import hint


class OutboxPanel(QWidget):
    def __init__(self, compact: bool) -> None:
        super().__init__()
        self.compact = compact
        self.alert = QLabel("")
        self.alert.setObjectName("outboxAlert")
        self.alert.setWordWrap(True)
        self.alert.hide()
        self.summary = hint("")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.alert)
        box.addWidget(self.summary)

    def show_summary(self, s: OutboxSummary) -> None:
        self.alert.setText(s.alert_line or "")
        self.alert.setVisible(s.overdue)
        lines = [s.headline] if self.compact else [s.headline, s.error_line]
        self.summary.setText("\n".join(line for line in lines if line))

    def text(self) -> str:
        """The lines the agent can read now, alert first."""
        parts = [self.alert.text()] if not self.alert.isHidden() else []
        return "\n".join([*parts, self.summary.text()])
