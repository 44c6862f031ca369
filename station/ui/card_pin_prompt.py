"""Asking the agent for their card's PIN again, for a card that unlocks its signature key one signature at a
time (docs/agent-card.md): the PIN goes to the card and nowhere else, never kept."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..strings import label


def ask_card_pin(parent: QWidget, why: str) -> str | None:
    """The PIN typed, or None when the agent cancels. `why`: the card's own French message."""
    pin, ok = QInputDialog.getText(parent, label("card_pin.title"), why, QLineEdit.EchoMode.Password)
    return pin if ok and pin else None
