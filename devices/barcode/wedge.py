"""Keyboard-wedge readers: telling a scan from a person typing, by the keystroke timing alone.

A USB HID barcode reader is a keyboard: it types the code, then its suffix (Enter unless configured
otherwise), a few milliseconds a key. A person types a key every 100 ms or more. So keys are held while
they come faster than `max_gap_ms`; a burst of at least `min_length` characters ended by the suffix (and
begun by the prefix, when the reader is configured to send one) is a scan, and anything else is given back
as typing, in order. The classifier is pure (no Qt, no clock of its own): the window's event filter
(station/ui/wedge_filter.py) feeds it each key with its timestamp and does what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WedgeSettings:
    prefix: str = ""  # characters the reader sends before the code (stripped); "" = none
    suffix: str = "\r"  # what ends a scan: Enter by default
    # A key later than this after the previous one ends the burst: readers type a key every 1-10 ms, people
    # every 100 ms or more (a fast typist's same-hand pairs reach 50-60 ms).
    max_gap_ms: float = 30.0
    min_length: int = 4  # shorter bursts are a person's chord, not a code (our codes have 10 characters or more)


@dataclass(frozen=True)
class Scan:
    """A code the reader typed, without its prefix and suffix."""

    text: str


@dataclass(frozen=True)
class Typing:
    """Keys a person typed: to be given back, in this order, to whatever has the focus."""

    keys: tuple[Any, ...]


Decision = Scan | Typing

# A burst this long without a suffix is a stuck key or a misconfigured reader: give it back.
MAX_BURST = 4096


class WedgeClassifier:
    """Feed every key in order; each call returns the decisions it made (none while a burst may be a scan)."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._chars: list[str] = []
        self._keys: list[Any] = []
        self._last = 0.0

    @property
    def holding(self) -> bool:
        """Keys are held, waiting for the burst to be classified."""
        return bool(self._chars)

    def feed(self, char: str, timestamp_s: float, key: Any = None) -> list[Decision]:
        """One key: `char` its text, `key` what to give back if it was typing (the char itself by default)."""
        decisions = self.flush(timestamp_s)
        self._chars.append(char)
        self._keys.append(char if key is None else key)
        self._last = timestamp_s
        text = "".join(self._chars)
        prefix, suffix = self.settings.prefix, self.settings.suffix
        if not (prefix.startswith(text) or text.startswith(prefix)) or len(text) > MAX_BURST:
            decisions.append(self._give_back())  # not the reader's prefix: a person, no need to wait
        elif suffix and text.endswith(suffix) and len(text) >= len(prefix) + len(suffix):
            code = text[len(prefix):len(text) - len(suffix)]
            decisions.append(self._take(code) if len(code) >= self.settings.min_length else self._give_back())
        return decisions

    def flush(self, now_s: float) -> list[Decision]:
        """Give the held keys back if the burst has gone quiet for longer than a reader's gap."""
        if self._chars and (now_s - self._last) * 1000.0 > self.settings.max_gap_ms:
            return [self._give_back()]
        return []

    def give_back(self) -> list[Decision]:
        """Give every held key back now (a key that cannot be part of a code came: a shortcut, an arrow)."""
        return [self._give_back()] if self._chars else []

    def _give_back(self) -> Typing:
        keys = tuple(self._keys)
        self._chars.clear()
        self._keys.clear()
        return Typing(keys)

    def _take(self, code: str) -> Scan:
        self._chars.clear()
        self._keys.clear()
        return Scan(code)
