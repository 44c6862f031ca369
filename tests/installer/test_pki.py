"""The installer's test PKI: the receipt certificate carries the receipt-signing usage stations require,
and a demo PKI made by older code (receipt certificate without it) is repaired when set-up runs again."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from installer.pki import PkiPaths, make_test_pki
from sync.receipts import RECEIPT_SIGNING_EKU, is_receipt_signer


def _cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_only_the_receipt_certificate_may_sign_receipts(pki: PkiPaths) -> None:
    receipt = _cert(pki.pem("cert-receipt"))
    assert is_receipt_signer(receipt)
    usage = receipt.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and not usage.value.key_agreement
    assert not any(is_receipt_signer(_cert(pki.pem(n))) for n in ("cert-server", "cert-encryption", "cert-ca"))


def test_a_pki_made_by_older_code_gets_a_new_receipt_certificate_from_the_same_root(
    pki: PkiPaths, tmp_path: Path
) -> None:
    old = make_test_pki(tmp_path / "demo", "DR-21231-01", "21231")
    server_before = old.pem("cert-server").read_bytes()
    # Older code issued the receipt certificate without the usage: as a stand-in, the TLS server's pair.
    old.pem("cert-receipt").write_bytes(server_before)
    old.key("cert-receipt").write_bytes(old.key("cert-server").read_bytes())

    again = make_test_pki(tmp_path / "demo", "DR-21231-01", "21231")

    receipt = _cert(again.pem("cert-receipt"))
    assert RECEIPT_SIGNING_EKU in receipt.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    receipt.verify_directly_issued_by(_cert(again.pem("cert-ca")))
    assert again.key("cert-receipt").read_bytes() != again.key("cert-server").read_bytes()
    assert again.pem("cert-server").read_bytes() == server_before  # the rest is left as it was
