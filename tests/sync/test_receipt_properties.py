"""Properties of the receipt reader, the only gate to purging: whatever the CERT's receipt
signer signs, and whatever bytes come as signature or certificate, the station gets a Receipt for this
dossier or the SyncError receipt.invalid; never another exception, never a receipt for another package."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cert.receipts import ReceiptSigner, receipt_bytes
from sync import SignedReceipt, SyncError, verify_receipt
from tests.fixtures.pki import STATION_ID

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KEY = "0b7f3f6c-3c1e-4c1a-9d43-0b6f2a8e5d11"
SHA = hashlib.sha256(b"package").hexdigest()
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
GENUINE = json.loads(receipt_bytes("21-2026-000042", KEY, SHA, STATION_ID, AT))
VALUE = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.sampled_from(
    [KEY, SHA, "2026-03-02T09:30:00+00:00", "2026-03-02T09:30:00", "2026-13-45"]) | st.lists(st.integers(), max_size=2)


@pytest.fixture(scope="module")
def signer(pki) -> ReceiptSigner:
    return ReceiptSigner(pki.key("cert-receipt"), pki.pem("cert-receipt"))


@st.composite
def receipts(draw: st.DrawFn) -> bytes:
    """Signed content: the genuine receipt with fields changed or removed, or any bytes at all."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=80) | st.just(b"[" * 50_000))
    fields = dict(GENUINE)
    for key in draw(st.lists(st.sampled_from([*GENUINE, "extra"]), max_size=3)):
        if draw(st.booleans()):
            fields[key] = draw(VALUE)
        else:
            fields.pop(key, None)
    return json.dumps(fields).encode()


def test_the_genuine_receipt_is_accepted(pki, signer):
    data = receipt_bytes("21-2026-000042", KEY, SHA, STATION_ID, AT)
    signed = SignedReceipt(data, signer.sign(data), signer.certificate_pem, 201)
    assert verify_receipt(signed, pki.pem("cert-ca").read_bytes(), KEY, SHA).cert_number == "21-2026-000042"


@FAST
@given(receipts())
@example(b"[" * 50_000)
def test_whatever_the_cert_signs_is_this_dossiers_receipt_or_refused(pki, signer, data):
    signed = SignedReceipt(data, signer.sign(data), signer.certificate_pem, 201)
    try:
        receipt = verify_receipt(signed, pki.pem("cert-ca").read_bytes(), KEY, SHA)
    except SyncError as exc:
        assert exc.code == "receipt.invalid"
        return
    assert receipt.package_sha256 == SHA and receipt.cert_number and receipt.received_at.tzinfo is not None


@FAST
@given(st.binary(max_size=80), st.binary(max_size=200))
def test_any_signature_or_certificate_bytes_are_refused(pki, signer, signature, certificate):
    data = receipt_bytes("21-2026-000042", KEY, SHA, STATION_ID, AT)
    for signed in (SignedReceipt(data, signature, signer.certificate_pem, 201),
                   SignedReceipt(data, signer.sign(data), certificate, 201)):
        with pytest.raises(SyncError):
            verify_receipt(signed, pki.pem("cert-ca").read_bytes(), KEY, SHA)
