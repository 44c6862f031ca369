"""Age arithmetic the rules need (fingerprints from 12, passport fee bands)."""

from __future__ import annotations

from datetime import date


def age_on(birth: date, day: date) -> int:
    """Completed years on `day` (a person born on 29 February ages on 1 March in common years)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
