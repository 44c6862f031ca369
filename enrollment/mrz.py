"""The machine-readable zone of a title (ICAO 9303): an identity card's three lines of 30 characters (TD1)
or a passport's two of 44 (TD3), as an MRZ reader types them or an agent copies them. Every check digit is
verified with the maintained `mrz` package before a number is believed: a misread character is refused,
not recorded as another person's title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import EnrollmentError
from .strings import message

TD1, TD3 = (3, 30), (2, 44)  # (lines, characters)


@dataclass(frozen=True)
class Mrz:
    document_type: str  # "ID", "I", "P"…
    document_number: str  # without filler
    country: str
    expiry: str  # YYMMDD, as printed


def looks_like_mrz(text: str) -> bool:
    """Whether the agent gave an MRZ rather than a bare number (the filler character only MRZs have)."""
    return "<" in text


def read_mrz(text: str) -> Mrz:
    """The MRZ's fields; EnrollmentError in French when its shape is not a TD1 or TD3 zone
    (`mrz.malformed`) or a check digit is wrong (`mrz.check_digit`)."""
    from mrz.checker.td1 import TD1CodeChecker
    from mrz.checker.td3 import TD3CodeChecker

    lines = _lines(text)
    shape = (len(lines), len(lines[0]) if lines else 0)
    if shape not in (TD1, TD3) or any(len(line) != shape[1] for line in lines):
        raise EnrollmentError("mrz.malformed", message("mrz.malformed"))
    checker = (TD1CodeChecker if shape == TD1 else TD3CodeChecker)("\n".join(lines))
    if not checker:
        raise EnrollmentError("mrz.check_digit", message("mrz.check_digit"))
    fields = checker.fields()
    return Mrz(document_type=fields.document_type, document_number=fields.document_number.replace("<", ""),
               country=fields.country, expiry=fields.expiry_date)


def _lines(text: str) -> list[str]:
    kept = re.sub(r"[ \t]", "", text.strip().upper())
    lines = [line for line in kept.splitlines() if line]
    if len(lines) == 1:  # typed without line breaks: cut at a known length
        joined = lines[0]
        for count, width in (TD1, TD3):
            if len(joined) == count * width:
                return [joined[i:i + width] for i in range(0, len(joined), width)]
    return lines
