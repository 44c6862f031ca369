"""Whatever a DataMatrix holds (a scanner reads any code a page carries), the 2D-Doc check gives a verdict
and never raises."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from devstation.twoddoc_maker import make_authority, make_message, trust_list_json
from enrollment.documents.twoddoc import Verdict, load_trust_list, verify_2ddoc

TODAY = date(2026, 12, 4)
AUTHORITY = make_authority()
TRUST = load_trust_list(trust_list_json(AUTHORITY))
GENUINE = make_message(AUTHORITY, date(2026, 11, 1))
C40ISH = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /\x1d\x1e\x1f", max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.binary(max_size=300), st.text(max_size=300), C40ISH.map(lambda t: "DC04TS010001" + t),
    # a genuine header, then anything: the data zone and signature parsers on their own
    st.text(max_size=300).map(lambda t: GENUINE[:26] + t), C40ISH.map(lambda t: GENUINE[:26] + t),
    st.tuples(C40ISH, st.text(max_size=8)).map(lambda p: GENUINE[:26] + p[0] + p[1] + GENUINE[GENUINE.index("\x1f"):]),
))
def test_any_content_gets_a_verdict(content) -> None:
    v = verify_2ddoc(content, TRUST, TODAY)
    assert v.verdict in set(Verdict)
    assert v.message_fr


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(GENUINE) - 1), st.characters(codec="latin-1"))
def test_no_single_character_change_to_a_genuine_code_passes_as_valid(at, char) -> None:
    changed = GENUINE[:at] + char + GENUINE[at + 1:]
    v = verify_2ddoc(changed, TRUST, TODAY)
    assert v.ok == (changed == GENUINE)
