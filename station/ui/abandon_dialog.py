"""Abandoning a draft: the agent confirms, naming the draft, and chooses why from a short list."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QDialog, QHBoxLayout, QLayout, QRadioButton, QVBoxLayout, QWidget

from enrollment.store import ABANDON_REASONS, DiscardReason

from ..strings import label, message
from .widgets import button, hint

QUESTION_WIDTH_PX = 520


class AbandonDialog(QDialog):
    """Modal. No reason is preselected: the confirm button waits for the agent's choice, so a hurried
    Enter cannot delete a draft for a reason nobody gave."""

    def __init__(self, draft: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(label("abandon.title"))
        self.setModal(True)
        self.reasons = QButtonGroup(self)
        box = QVBoxLayout(self)
        # The dialog takes the height its wrapped text needs at this width: without it Qt sizes the dialog
        # before the text wraps, and the question's first and last lines are cut off.
        box.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        question = hint(message("draft.abandon_confirm", draft=draft))
        question.setMinimumWidth(QUESTION_WIDTH_PX)
        box.addWidget(question)
        for i, reason in enumerate(ABANDON_REASONS):
            choice = QRadioButton(label(f"abandon.reason.{reason.value}"))
            self.reasons.addButton(choice, i)
            box.addWidget(choice)
        self.cancel_button = button(label("abandon.cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = button(label("abandon.confirm"), primary=True)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.accept)
        self.reasons.idToggled.connect(lambda _id, _on: self.confirm_button.setEnabled(self.reason is not None))
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.confirm_button)
        box.addLayout(actions)
        self.cancel_button.setDefault(True)

    def ask(self) -> DiscardReason | None:
        """Run modally: the chosen reason, or None when the agent cancels (or the station locks)."""
        return self.reason if self.exec() == QDialog.DialogCode.Accepted else None

    @property
    def reason(self) -> DiscardReason | None:
        chosen = self.reasons.checkedId()
        return ABANDON_REASONS[chosen] if chosen >= 0 else None

    def choose(self, reason: DiscardReason) -> None:
        """Tick `reason` as the agent would (keyboard or mouse)."""
        self.reasons.button(ABANDON_REASONS.index(reason)).setChecked(True)

