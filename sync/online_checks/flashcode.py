"""Reading an electronic fee stamp's flashcode (the 2D code on the stamp's PDF, shown on paper or a phone).

The tax office (timbres.impots.gouv.fr) publishes that the stamp is "a 2D code (flashcode) and a 16-digit
number" but not what the code encodes. Until that is known, a payload is accepted when it holds exactly one
run of exactly 16 digits, which is taken as the stamp's number; anything else is refused rather than
guessed (two candidates, or none).
"""

from __future__ import annotations

import re

from ..errors import SyncError

_DIGIT_RUNS = re.compile(r"[0-9]+")
NUMBER_DIGITS = 16


def parse_fee_stamp_payload(text: str) -> str:
    """The stamp's 16-digit number from a scanned flashcode's text; SyncError `fee_stamp.flashcode_unreadable`."""
    runs = [run for run in _DIGIT_RUNS.findall(text) if len(run) == NUMBER_DIGITS]
    if len(runs) != 1:
        raise SyncError.of("fee_stamp.flashcode_unreadable", retryable=False)
    return runs[0]
