"""Receipt verification, the only gate to purging: each way a receipt can be wrong is refused.

Receipts are signed here with the CERT's own signer (cert.receipts) so the test also pins the published
format both sides share."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from cert.receipts import ReceiptSigner, receipt_bytes
from installer.pki import PkiPaths
from sync import SignedReceipt, SyncError, verify_receipt
from tests.fixtures.pki import STATION_ID

KEY = "0b7f3f6c-3c1e-4c1a-9d43-0b6f2a8e5d11"
SHA = hashlib.sha256(b"package").hexdigest()
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _signed(
    pki: PkiPaths, key: str = KEY, sha: str = SHA, signer_pki: PkiPaths | None = None
) -> SignedReceipt:
    src = signer_pki or pki
    signer = ReceiptSigner(src.key("cert-receipt"), src.pem("cert-receipt"))
    data = receipt_bytes("21-2026-000042", key, sha, STATION_ID, AT)
    return SignedReceipt(data, signer.sign(data), signer.certificate_pem, 201)


def _anchor(pki: PkiPaths) -> bytes:
    return pki.pem("cert-ca").read_bytes()


def _refused(signed: SignedReceipt, anchor: bytes, **kw) -> SyncError:
    with pytest.raises(SyncError) as info:
        verify_receipt(signed, anchor, kw.pop("key", KEY), kw.pop("sha", SHA), **kw)
    assert info.value.code == "receipt.invalid"
    assert "accusé de réception" in info.value.message
    return info.value


def test_valid_receipt_is_read(pki: PkiPaths) -> None:
    signed = _signed(pki)
    r = verify_receipt(signed, _anchor(pki), KEY, SHA, dossier_id="d-1")
    assert (r.dossier_id, r.cert_number, r.package_sha256) == ("d-1", "21-2026-000042", SHA)
    assert r.received_at == AT
    assert (r.receipt, r.signature) == (signed.receipt, signed.signature)


def test_bad_signature_is_refused(pki: PkiPaths) -> None:
    signed = _signed(pki)
    sig = bytearray(signed.signature)
    sig[-1] ^= 0x01
    _refused(replace(signed, signature=bytes(sig)), _anchor(pki))


def test_altered_receipt_bytes_are_refused(pki: PkiPaths) -> None:
    signed = _signed(pki)
    _refused(replace(signed, receipt=signed.receipt.replace(b"000042", b"000043")), _anchor(pki))


def test_receipt_from_unknown_ca_is_refused(pki: PkiPaths, other_pki: PkiPaths) -> None:
    # Internally consistent (its signature verifies with its certificate) but not from our CERT root.
    _refused(_signed(pki, signer_pki=other_pki), _anchor(pki))


def test_signature_by_another_key_of_our_ca_is_refused(pki: PkiPaths) -> None:
    signed = _signed(pki)
    server_signer = ReceiptSigner(pki.key("cert-server"), pki.pem("cert-server"))
    _refused(replace(signed, signature=server_signer.sign(signed.receipt)), _anchor(pki))


def test_receipt_for_another_dossier_or_digest_is_refused(pki: PkiPaths) -> None:
    _refused(_signed(pki), _anchor(pki), key="another-key")
    _refused(_signed(pki), _anchor(pki), sha="0" * 64)


def test_expired_certificate_is_refused(pki: PkiPaths) -> None:
    _refused(_signed(pki), _anchor(pki), now=datetime.now(UTC) + timedelta(days=3000))


def test_garbage_is_refused(pki: PkiPaths) -> None:
    signed = _signed(pki)
    _refused(replace(signed, certificate_pem=b"not a certificate"), _anchor(pki))
    _refused(replace(signed, signature=b""), _anchor(pki))
