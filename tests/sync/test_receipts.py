"""Receipt verification, the only gate to purging: each way a receipt can be wrong is refused.

Receipts are signed here with the CERT's own signer (cert.receipts) so the test also pins the published
format both sides share."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

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


def _refused(signed: SignedReceipt, anchor: bytes, code: str = "receipt.invalid", **kw) -> SyncError:
    with pytest.raises(SyncError) as info:
        verify_receipt(signed, anchor, kw.pop("key", KEY), kw.pop("sha", SHA), **kw)
    assert info.value.code == code
    assert "accusé de réception" in info.value.message
    return info.value


def _signed_by(key_path: Path, cert_path: Path) -> SignedReceipt:
    signer = ReceiptSigner(key_path, cert_path)
    data = receipt_bytes("21-2026-000042", KEY, SHA, STATION_ID, AT)
    return SignedReceipt(data, signer.sign(data), signer.certificate_pem, 201)


def _root_issued_signer(
    pki: PkiPaths, folder: Path, eku: list[x509.ObjectIdentifier] | None
) -> tuple[Path, Path]:
    """A signing-only certificate from our CERT root, as a receipt certificate made by older code (no EKU)
    or one with another usage: everything but the receipt-signing EKU is right."""
    ca_key = serialization.load_pem_private_key(pki.key("cert-ca").read_bytes(), password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    ca = x509.load_pem_x509_certificate(pki.pem("cert-ca").read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CERT receipts (old profile)")])
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca.subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                              critical=True))
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    folder.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    (folder / "k.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (folder / "c.pem").write_bytes(builder.sign(ca_key, hashes.SHA256()).public_bytes(pem))
    return folder / "k.key", folder / "c.pem"


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


NOT_A_RECEIPT_SIGNER = "non habilité à signer des accusés"


def test_receipt_signed_with_the_tls_server_key_is_refused(pki: PkiPaths) -> None:
    # The TLS server certificate comes from the same root, signs, and is valid: it still may not acknowledge.
    err = _refused(_signed_by(pki.key("cert-server"), pki.pem("cert-server")), _anchor(pki),
                   code="receipt.signer_not_authorised")
    assert NOT_A_RECEIPT_SIGNER in err.message and "n'est pas effacé" in err.message


def test_receipt_signed_with_the_encryption_key_is_refused(pki: PkiPaths) -> None:
    err = _refused(_signed_by(pki.key("cert-encryption"), pki.pem("cert-encryption")), _anchor(pki),
                   code="receipt.signer_not_authorised")
    assert NOT_A_RECEIPT_SIGNER in err.message


@pytest.mark.parametrize("eku", [None, [ExtendedKeyUsageOID.CODE_SIGNING]], ids=["no_eku", "other_eku"])
def test_receipt_signed_by_a_root_certificate_without_the_receipt_usage_is_refused(
    pki: PkiPaths, tmp_path: Path, eku: list[x509.ObjectIdentifier] | None
) -> None:
    err = _refused(_signed_by(*_root_issued_signer(pki, tmp_path, eku)), _anchor(pki),
                   code="receipt.signer_not_authorised")
    assert "signature des accusés Recueil" in err.message


def test_each_refusal_says_in_french_what_was_wrong(pki: PkiPaths, other_pki: PkiPaths) -> None:
    assert "signature de l'accusé invalide" in _refused(
        replace(_signed(pki), signature=b""), _anchor(pki)).message
    assert "pas émis par la racine du CERT" in _refused(_signed(pki, signer_pki=other_pki), _anchor(pki)).message
    assert "accusé d'un autre dossier" in _refused(_signed(pki), _anchor(pki), key="another-key").message
