"""A title's MRZ as a reader types it: every check digit verified, anything else refused in French."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mrz.generator.td3 import TD3CodeGenerator

from enrollment.errors import EnrollmentError
from enrollment.mrz import read_mrz

PASSPORT = str(TD3CodeGenerator("P", "FRA", "MARTIN", "LEA", "21AB12345", "FRA", "900517", "F", "300101", ""))


def test_a_passports_mrz_gives_its_number_country_and_expiry():
    read = read_mrz(PASSPORT.lower())
    assert (read.document_number, read.country, read.expiry, read.document_type) == (
        "21AB12345", "FRA", "300101", "P")


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\n ", max_size=120),
    st.integers(0, len(PASSPORT) - 1).flatmap(
        lambda i: st.sampled_from("0123456789ABCXYZ<").map(lambda c: PASSPORT[:i] + c + PASSPORT[i + 1:])),
))
def test_any_text_is_read_or_refused_in_french(text: str) -> None:
    try:
        read = read_mrz(text)
    except EnrollmentError as exc:
        assert exc.code in ("mrz.malformed", "mrz.check_digit") and exc.message
    else:
        assert read.document_number
