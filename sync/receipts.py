"""Checking the CERT's signed acknowledgement. A verified receipt is the only thing that lets the station
purge a dossier, so every check fails closed: anything unexpected is `receipt.invalid` and the dossier
stays on the station to be sent again.

Checks, in order: the certificate that came with the reply is directly issued by our trust anchor (the
CERT root, configured at installation, never taken from the reply) and valid now; its key signed the
receipt bytes (ECDSA P-256, SHA-256); the receipt is version 1 and names our idempotency key and the
digest of the package we hold.
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

RECEIPT_VERSION = 1


@dataclass(frozen=True)
class SignedReceipt:
    """The CERT's reply as received, before any check: bytes exactly as signed."""

    receipt: bytes
    signature: bytes  # DER ECDSA
    certificate_pem: bytes
    status: int  # 201 first receipt, 200 replay


def _invalid(why: str) -> SyncError:
    # `why` goes to the technician via the exception chain/log code, never to the agent.
    err = SyncError.of("receipt.invalid", retryable=True)
    err.add_note(why)
    return err


def _check_certificate(cert: x509.Certificate, anchor: x509.Certificate, now: datetime) -> None:
    try:
        cert.verify_directly_issued_by(anchor)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise _invalid("certificate not issued by the trust anchor") from exc
    for c in (cert, anchor):
        if not c.not_valid_before_utc <= now <= c.not_valid_after_utc:
            raise _invalid("certificate outside its validity period")
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            raise _invalid("receipt certificate is a CA")
    except x509.ExtensionNotFound:
        pass
    if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey):
        raise _invalid("receipt key is not ECDSA")


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
        raise _invalid("unreadable certificate") from exc
    _check_certificate(cert, anchor, now)
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:
        key.verify(signed.signature, signed.receipt, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise _invalid("bad signature") from exc
    try:
        fields = json.loads(signed.receipt)
        if not isinstance(fields, dict) or fields.get("version") != RECEIPT_VERSION:
            raise _invalid("unknown receipt version")
        number = fields["dossier_number"]
        received_at = datetime.fromisoformat(fields["received_at"])
        key_in_receipt, sha_in_receipt = fields["idempotency_key"], fields["package_sha256"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # RecursionError: JSON nested too deep
        raise _invalid("malformed receipt") from exc
    if key_in_receipt != expected_key:
        raise _invalid("receipt for another idempotency key")
    if sha_in_receipt != expected_sha256:
        raise _invalid("receipt for another package digest")
    if not isinstance(number, str) or not number or received_at.tzinfo is None:
        raise _invalid("malformed receipt")
    return Receipt(
        dossier_id=dossier_id or expected_key,
        cert_number=number,
        package_sha256=sha_in_receipt,
        received_at=received_at,
        receipt=signed.receipt,
        signature=signed.signature,
    )
