"""The agent card's errors, with their French text from devices/strings/: one place for every code.

No error built here carries a PIN: the details hold small facts only (the tries left).
"""

from __future__ import annotations

from devices import strings
from devices.errors import DeviceError


def error(code: str, **fields: object) -> DeviceError:
    """A card error with its catalogue message; `details` keeps the same small facts (never a PIN)."""
    return DeviceError(code, strings.message(code, kind="smartcard", **fields), dict(fields))


def pin_error(tries: int | None) -> DeviceError:
    """A wrong PIN; `tries` left before the card blocks, None when the card does not say."""
    if tries is None:
        return DeviceError("card.pin_wrong", strings.message("card.pin_wrong_uncounted"), {})
    if tries <= 0:
        return error("card.pin_blocked")
    # The last try gets its own warning: the next mistake blocks the card.
    text = strings.message("card.pin_wrong_last" if tries == 1 else "card.pin_wrong", tries_left=tries)
    return DeviceError("card.pin_wrong", text, {"tries_left": tries})
