"""Asking the agent for their card's PIN again, for a card that unlocks its signature key one signature at a
time (docs/agent-card.md): the PIN goes to the card and nowhere else, never kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..strings import label


def ask_card_pin(parent: QWidget, why: str) -> str | None:
    """The PIN typed, or None when the agent cancels. `why`: the card's own French message."""
    pin, ok = QInputDialog.getText(parent, label("card_pin.title"), why, QLineEdit.EchoMode.Password)
    return pin if ok and pin else None


def retried_with_pin(parent: QWidget, error: BaseException, retry: Callable[[str], None]) -> bool:
    """When the card refused to sign for want of its PIN (or a wrong one), ask for it and `retry(pin)`;
    True if it did. Nothing was signed nor stored before: the caller's own error handling runs otherwise."""
    if getattr(error, "code", "") not in ("card.pin_again", "card.pin_wrong"):
        return False
    pin = ask_card_pin(parent, getattr(error, "message", ""))
    if not pin:
        return False
    retry(pin)
    return True
