"""Properties of the pre-filling from the CERT's pre-application: whatever the reply holds in its
fields, the dossier gets the usable values in its empty fields and keeps the rest for the agent; nothing
raises into the window, and nothing the agent typed is overwritten."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from enrollment.model import Dossier
from station.pre_application import prefill
from sync.lookups import PreApplication

FAST = settings(max_examples=300, deadline=None)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.sampled_from(
    ["1990-03-02", "1990-13-45", "F", "M", "X", "cni", "passport", "both", "+33 6 12 34 56 78"]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=4)
CIVIL = st.dictionaries(st.sampled_from(["surname", "given_names", "sex", "birth_date", "birth_commune"]), JSON)
ADDRESS = st.dictionaries(st.sampled_from(["line1", "line2", "postcode", "city"]), JSON)
CONTACT = st.dictionaries(st.sampled_from(["email", "phone"]), JSON)
REPLY = st.builds(PreApplication, number=st.just("AB12CD34EF"), title=JSON,
                  expires_at=st.just(datetime(2030, 1, 1, tzinfo=UTC)), civil=CIVIL, address=ADDRESS, contact=CONTACT)


@FAST
@given(REPLY)
@example(PreApplication("AB12CD34EF", "cni", datetime(2030, 1, 1, tzinfo=UTC), {"birth_date": "1990-13-45"}, {}, {}))
@example(PreApplication("AB12CD34EF", ["cni"], datetime(2030, 1, 1, tzinfo=UTC), {}, {}, {}))
def test_any_pre_application_fills_what_it_can_and_never_raises(pre):
    dossier = Dossier()
    filled = prefill(dossier, pre)
    assert 0 <= filled <= 12 and dossier.pre_application == pre.number
    assert dossier.civil.birth_date is None or isinstance(dossier.civil.birth_date, date)


@FAST
@given(REPLY)
def test_what_the_agent_typed_is_never_overwritten(pre):
    dossier = Dossier()
    dossier.civil.surname, dossier.civil.birth_date, dossier.contact.phone = "MARTIN", date(1980, 5, 6), "0600000000"
    prefill(dossier, pre)
    assert (dossier.civil.surname, dossier.civil.birth_date, dossier.contact.phone) == (
        "MARTIN", date(1980, 5, 6), "0600000000")
