"""Properties of the pre-application number as the station reads it from the QR code or the agent's typing:
a number of the published form or nothing, and the same reading as the CERT lookup's."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from enrollment.rules import DEFAULT_RULES
from sync import lookups
from sync.errors import SyncError

FAST = settings(max_examples=300, deadline=None)
SCANNED = st.text(st.characters(blacklist_categories=["Cs"]), max_size=24) | st.from_regex(
    r"[ \t\n-]*[a-zA-Z0-9]{2,5}([ -]?[a-zA-Z0-9]{2,5}){1,3}[ \t\r\n-]*", fullmatch=True)


def _cert_reading(text: str) -> str | None:
    try:
        return lookups.normalise(text, lookups.PRE_APPLICATION, "pre_application.malformed")
    except SyncError:
        return None


@FAST
@given(SCANNED)
@example("AB12CD34EF\n")  # a scanner's line end
@example("ab12-cd34 ef")
@example("\u0131B12CD34EF")  # dotless i: upper() gives an ASCII I the QR never held
def test_a_scan_or_typing_gives_a_number_or_nothing_as_the_cert_lookup_reads_it(text):
    number = DEFAULT_RULES.pre_application_number(text)
    assert number is None or re.fullmatch(r"[A-Z0-9]{10}", number)
    assert number == _cert_reading(text)
