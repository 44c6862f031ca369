"""The text field the typed steps share: one length limit for every free-text field."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from enrollment.rules import DEFAULT_RULES


def text_line(max_len: int = DEFAULT_RULES.max_text_field) -> QLineEdit:
    w = QLineEdit()
    w.setMaxLength(max_len)
    return w
