"""Verifying one reference envelope (docs/reference-data.md, format `recueil-reference/1`). Every check fails
closed with a SyncError whose French message names the reason: a list that cannot be believed changes nothing.

Checks, in order: the envelope is the published JSON shape; its certificate is directly issued by our trust
anchor (the CERT root, configured at installation, never taken from the envelope) and valid now; it is the
CERT's reference-signing certificate (digitalSignature only, critical, and the reference-signing extended key
usage: the receipt, TLS and encryption keys of the same root may not sign reference data); its key signed the
content bytes exactly as received (ECDSA P-256, SHA-256); the content names the list expected; the payload's
SHA-256 is the one signed."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from ..errors import SyncError

FORMAT = "recueil-reference/1"
# "Recueil reference data signing": the receipt EKU's arc (sync/receipts.py), `.2`. Published in
# docs/reference-data.md; the installer's PKI issues it from here.
REFERENCE_SIGNING_EKU = x509.ObjectIdentifier("2.25.147663227327530059556565165586271813615.2")


@dataclass(frozen=True)
class ReferenceSet:
    """A verified list: what the signed content says, and the envelope bytes it came in (kept as the cache)."""

    name: str
    version: int
    issued_at: datetime
    max_age: timedelta
    media_type: str
    payload: bytes
    envelope: bytes

    @property
    def expires_at(self) -> datetime:
        return self.issued_at + self.max_age

    def stale(self, now: datetime) -> bool:
        return now > self.expires_at

    def json_payload(self) -> dict:
        """The payload of an `application/json` list, a JSON object; SyncError otherwise."""
        try:
            value = json.loads(self.payload)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise refusal(self.name, "content") from exc
        if self.media_type != "application/json" or not isinstance(value, dict):
            raise refusal(self.name, "content")
        return value


def refusal(name: str, reason: str) -> SyncError:
    """The list `name` cannot be believed (or read): `reason` names the catalogue's reference.why.* key."""
    from ..strings import message

    return SyncError.of("reference.invalid", retryable=False, name=name, reason=message(f"reference.why.{reason}"))


def _check_profile(name: str, cert: x509.Certificate, anchor: x509.Certificate, now: datetime) -> None:
    try:
        cert.verify_directly_issued_by(anchor)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise refusal(name, "untrusted") from exc
    for c in (cert, anchor):
        if not c.not_valid_before_utc <= now <= c.not_valid_after_utc:
            raise refusal(name, "expired")
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            raise refusal(name, "not_signer")
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound as exc:
        raise refusal(name, "not_signer") from exc
    ku = usage.value
    only_signs = ku.digital_signature and not (
        ku.content_commitment or ku.key_encipherment or ku.data_encipherment or ku.key_agreement
        or ku.key_cert_sign or ku.crl_sign)
    if not usage.critical or not only_signs or REFERENCE_SIGNING_EKU not in eku:
        raise refusal(name, "not_signer")
    if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey):
        raise refusal(name, "not_signer")


def _text(obj: dict, key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ValueError(key)
    return value


def _number(obj: dict, key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(key)
    return value


def verify_envelope(data: bytes, name: str, trust_anchor_pem: bytes, now: datetime | None = None) -> ReferenceSet:
    """The verified list `name` from envelope bytes as fetched or cached; SyncError reference.invalid if any
    check fails."""
    now = now or datetime.now(UTC)
    try:
        outer = json.loads(data)
        if not isinstance(outer, dict) or outer.get("format") != FORMAT:
            raise ValueError("format")
        content = base64.b64decode(_text(outer, "content"), validate=True)
        signature = base64.b64decode(_text(outer, "signature"), validate=True)
        cert = x509.load_pem_x509_certificate(_text(outer, "certificate").encode("ascii"))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise refusal(name, "shape") from exc
    try:
        anchor = x509.load_pem_x509_certificate(trust_anchor_pem)
    except ValueError as exc:
        raise refusal(name, "untrusted") from exc
    _check_profile(name, cert, anchor, now)
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:
        key.verify(signature, content, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise refusal(name, "signature") from exc
    try:
        inner = json.loads(content)
        if not isinstance(inner, dict):
            raise ValueError("content")
        got_name, version = _text(inner, "name"), _number(inner, "version")
        issued_at = datetime.fromisoformat(_text(inner, "issued_at"))
        max_age = timedelta(days=_number(inner, "max_age_days"))
        media_type = _text(inner, "media_type")
        payload = base64.b64decode(_text(inner, "payload"), validate=True)
        digest = _text(inner, "payload_sha256")
    except (ValueError, UnicodeError, binascii.Error, OverflowError) as exc:
        raise refusal(name, "shape") from exc
    if got_name != name:
        raise refusal(name, "other_list")
    if hashlib.sha256(payload).hexdigest() != digest.lower():
        raise refusal(name, "digest")
    if issued_at.tzinfo is None:
        raise refusal(name, "shape")
    return ReferenceSet(name, version, issued_at.astimezone(UTC), max_age, media_type, payload, data)
