"""Data the agent card reader yields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardInfo:
    reader: str  # PC/SC reader name
    atr: str  # answer-to-reset, upper-case hex without separators
