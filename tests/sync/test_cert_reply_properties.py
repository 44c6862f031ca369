"""Properties of the station's readers of what comes from outside: ePhoto codes and lookup
numbers typed or scanned by the agent, and whatever reply the CERT sends to the ePhoto and lookup clients.
Any of them gives a value of the published shape or a SyncError with its French message, never another
exception."""

from __future__ import annotations

import json
import re
from datetime import date

import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sync import lookups
from sync.ephoto import fetch_ephoto, normalise_code
from sync.errors import SyncError

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TYPED = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30) | st.from_regex(
    r"[a-zA-Z0-9 \-]{8,30}", fullmatch=True)


@FAST
@given(TYPED, st.integers(1, 40))
@example("ß" * 11, 22)  # upper() makes it 22 ASCII letters
def test_an_ephoto_code_is_normalised_or_refused_as_malformed(text, length):
    try:
        code = normalise_code(text, length)
    except SyncError as exc:
        assert exc.code == "ephoto.malformed" and str(length) in exc.message and not exc.retryable
        return
    assert len(code) == length and re.fullmatch(r"[A-Z0-9]+", code) and normalise_code(code, length) == code
    assert code == _as_typed(text)  # the agent's own characters: "ß" is not "SS"


def _as_typed(text: str) -> str:
    """What the agent typed, spaces and dashes dropped, only its case changed (ASCII letters)."""
    kept = re.sub(r"[\s-]", "", text)
    return "".join(ch.upper() if ch.isascii() else ch for ch in kept)


@FAST
@given(TYPED, st.sampled_from([
    (lookups.PRE_APPLICATION, "pre_application.malformed"), (lookups.FEE_STAMP, "fee_stamp.malformed"),
    (lookups.TITLE, "title.malformed"), (lookups.ENVELOPE, "envelope.malformed")]))
@example("ab12-cd34 ef", (lookups.PRE_APPLICATION, "pre_application.malformed"))
@example("\u0131b12cd34ef", (lookups.PRE_APPLICATION, "pre_application.malformed"))  # dotless i: upper() gives I
def test_a_lookup_number_is_normalised_or_refused_as_malformed(text, rule):
    pattern, error = rule
    try:
        value = lookups.normalise(text, pattern, error)
    except SyncError as exc:
        assert exc.code == error
        return
    assert re.fullmatch(pattern.pattern.strip("^$"), value) and value == _as_typed(text)


KEYS = ["jpeg", "sha256", "captured_at", "expires_at", "number", "title", "civil", "address", "contact",
        "amount_eur", "purchased_at", "status", "used_by", "kind", "status_at", "collect_before", "fields", "error"]
LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.sampled_from(
    ["2025-03-04T10:20:30+00:00", "86.00", "/9j/", "valid", "used", "cni"])
VALUE = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(KEYS), inner, max_size=4), max_leaves=8)
BODY = (st.dictionaries(st.sampled_from(KEYS), VALUE, max_size=8).map(lambda d: json.dumps(d).encode())
        | st.binary(max_size=40) | st.just(b"[" * 50_000) | st.just(b'{"error": ' + b"1" * 5000 + b"}"))


class FakeClient:
    """Answers every request with one status and body, as a faulty or hostile CERT could."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        response = requests.Response()
        response.status_code, response._content = self.status, self.body
        response.headers["Content-Type"] = "application/json"
        return response


BIRTH = lookups.BirthData("Dupont", "Marie", "F", date(1990, 1, 2), "21231")
STATUS = st.sampled_from([200, 400, 404, 409, 410, 422, 429, 500, 503])


@FAST
@given(STATUS, BODY)
@example(200, b"[" * 50_000)  # nested deeper than the interpreter's stack
def test_any_cert_reply_to_a_lookup_is_a_result_or_a_sync_error(status, body):
    client = FakeClient(status, body)
    calls = [
        lambda: fetch_ephoto(client, "A" * 22),
        lambda: lookups.fetch_pre_application(client, "AB12CD34EF"),
        lambda: lookups.check_fee_stamp(client, "1" * 16),
        lambda: lookups.consume_fee_stamp(client, "1" * 16, "dossier-1"),
        lambda: lookups.fetch_title_status(client, "AB1234567"),
        lambda: lookups.register_envelope(client, "EVABC1234561"),
        lambda: lookups.verify_birth_record(client, BIRTH),
    ]
    for call in calls:
        try:
            call()
        except SyncError as exc:
            assert exc.message
