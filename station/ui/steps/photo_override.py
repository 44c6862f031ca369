"""The "Accepter malgré tout" panel: a reason from the list (free text for "Autre"), then confirmation.

Inline rather than a dialog, so the agent stays on the step and every control is reachable by keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from enrollment.face.model import OverrideReason
from enrollment.strings import message as domain_message

from ...strings import label
from ..widgets import button, hint


class OverridePanel(QWidget):
    """Emits nothing itself: `on_confirm(reason, note)` and `on_cancel()` are called back."""

    def __init__(self, on_confirm: Callable[[OverrideReason, str], None], on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self._on_confirm = on_confirm
        form = QFormLayout(self)
        self.message = hint("")
        form.addRow(self.message)
        self.reason = QComboBox()
        self.reason.addItem("", None)  # no default: the agent must choose
        for r in OverrideReason:
            self.reason.addItem(domain_message(f"face.override.{r.value}"), r)
        form.addRow(label("photo.override.reason"), self.reason)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form.addRow(label("photo.override.note"), self.note)
        self.confirm_button = button(label("photo.override.confirm"), primary=True)
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button = button(label("photo.override.cancel"))
        self.cancel_button.clicked.connect(on_cancel)
        row = QHBoxLayout()
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        form.addRow(row)
        self.note.returnPressed.connect(self._confirm)

    def open(self, text: str) -> None:
        self.reason.setCurrentIndex(0)
        self.note.clear()
        self.message.setText(text)
        self.show()
        self.reason.setFocus()

    def _confirm(self) -> None:
        reason = self.reason.currentData()
        self._on_confirm(reason, self.note.text())
