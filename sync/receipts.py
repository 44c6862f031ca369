"""Checking the CERT's signed acknowledgement. A verified receipt is the only thing that lets the station
purge a dossier, so every check fails closed: anything unexpected is refused and the dossier stays on the
station to be sent again. The refusal's message says in French what was wrong, for the technician reading
`station outbox`.

Checks, in order: the certificate that came with the reply is directly issued by our trust anchor (the
CERT root, configured at installation, never taken from the reply) and valid now; it is the CERT's
receipt-signing certificate (key usage digitalSignature only, critical, and the receipt-signing extended
key usage below: the TLS server and package-encryption certificates come from the same root and must not
be able to make a station purge); its key signed the receipt bytes (ECDSA P-256, SHA-256); the receipt is
version 1 and names our idempotency key and the digest of the package we hold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from enrollment.store import Receipt

from .errors import SyncError
from .strings import message

RECEIPT_VERSION = 1
# "Recueil receipt signing": an arc under 2.25 (UUID-based) that the project owns, `.1` = receipt signing.
# Published in docs/cert-api.md (receipt certificate profile); the installer's PKI issues it from here.
RECEIPT_SIGNING_EKU = x509.ObjectIdentifier("2.25.147663227327530059556565165586271813615.1")


@dataclass(frozen=True)
class SignedReceipt:
    """The CERT's reply as received, before any check: bytes exactly as signed."""

    receipt: bytes
    signature: bytes  # DER ECDSA
    certificate_pem: bytes
    status: int  # 201 first receipt, 200 replay


def _invalid(reason: str) -> SyncError:
    """A receipt that cannot be trusted: `reason` names the catalogue's French reason (receipt.why.*)."""
    return SyncError.of("receipt.invalid", retryable=True, reason=message(f"receipt.why.{reason}"))


def _not_authorised(reason: str) -> SyncError:
    # Signed by a key of our CERT that is not its receipt key: a misconfigured or compromised CERT, which
    # waiting will not fix, so a distinct code the technician can spot, retried at the longest interval.
    return SyncError.of("receipt.signer_not_authorised", retryable=False,
                        reason=message(f"receipt.why.{reason}"))


def _check_receipt_profile(cert: x509.Certificate) -> None:
    """Only the receipt-signing certificate may sign receipts: digitalSignature alone, critical, and
    our extended key usage. Missing extensions fail closed."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    except x509.ExtensionNotFound as exc:
        raise _not_authorised("key_usage") from exc
    ku = usage.value
    only_signs = ku.digital_signature and not (
        ku.content_commitment or ku.key_encipherment or ku.data_encipherment or ku.key_agreement
        or ku.key_cert_sign or ku.crl_sign)
    if not usage.critical or not only_signs:
        raise _not_authorised("key_usage")
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound as exc:
        raise _not_authorised("not_receipt_signer") from exc
    if RECEIPT_SIGNING_EKU not in eku:
        raise _not_authorised("not_receipt_signer")


def is_receipt_signer(cert: x509.Certificate) -> bool:
    """Whether `cert` has the receipt-signing profile stations require (the installer's PKI asks it of a
    receipt certificate it finds, to re-issue one made by older code)."""
    try:
        _check_receipt_profile(cert)
    except SyncError:
        return False
    return True


def _check_certificate(cert: x509.Certificate, anchor: x509.Certificate, now: datetime) -> None:
    try:
        cert.verify_directly_issued_by(anchor)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise _invalid("untrusted") from exc
    for c in (cert, anchor):
        if not c.not_valid_before_utc <= now <= c.not_valid_after_utc:
            raise _invalid("expired")
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            raise _not_authorised("ca")
    except x509.ExtensionNotFound:
        pass
    _check_receipt_profile(cert)
    if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey):
        raise _not_authorised("key_usage")


def verify_receipt(
    signed: SignedReceipt,
    trust_anchor_pem: bytes,
    expected_key: str,
    expected_sha256: str,
    *,
    dossier_id: str | None = None,
    now: datetime | None = None,
) -> Receipt:
    """Verify and read a receipt. `dossier_id` defaults to the key (format 0 uses the dossier id as key)."""
    now = now or datetime.now(UTC)
    try:
        anchor = x509.load_pem_x509_certificate(trust_anchor_pem)
        cert = x509.load_pem_x509_certificate(signed.certificate_pem)
    except ValueError as exc:
        raise _invalid("unreadable") from exc
    _check_certificate(cert, anchor, now)
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:
        key.verify(signed.signature, signed.receipt, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise _invalid("bad_signature") from exc
    try:
        fields = json.loads(signed.receipt)
        if not isinstance(fields, dict) or fields.get("version") != RECEIPT_VERSION:
            raise _invalid("malformed")
        number = fields["dossier_number"]
        received_at = datetime.fromisoformat(fields["received_at"])
        key_in_receipt, sha_in_receipt = fields["idempotency_key"], fields["package_sha256"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # RecursionError: JSON nested too deep
        raise _invalid("malformed") from exc
    if key_in_receipt != expected_key:
        raise _invalid("other_dossier")
    if sha_in_receipt != expected_sha256:
        raise _invalid("other_package")
    if not isinstance(number, str) or not number or received_at.tzinfo is None:
        raise _invalid("malformed")
    return Receipt(
        dossier_id=dossier_id or expected_key,
        cert_number=number,
        package_sha256=sha_in_receipt,
        received_at=received_at,
        receipt=signed.receipt,
        signature=signed.signature,
    )
