"""JSON Web Signatures as SBI devices make them (RFC 7515 compact serialisation, the signing certificate
chain in the `x5c` header), verified against the device providers the station trusts.

A device's word counts only once its signature verifies with the leaf certificate of `x5c`, and that chain
leads to one of the trusted providers' CAs, every certificate valid at the time of the check.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

ALGORITHMS = ("RS256", "PS256", "ES256")
_MAX_CHAIN = 4


class JwsError(ValueError):
    """Why a signature was refused; `kind` is "format" (not a JWS), "signature" or "trust"."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True)
class Verified:
    header: dict[str, Any]
    payload: bytes
    certificate: x509.Certificate  # the device's own certificate (x5c[0])

    def json(self) -> Any:
        try:
            return json.loads(self.payload)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise JwsError("format", "payload is not JSON") from exc


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise JwsError("format", "bad base64url") from exc


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unverified_payload(token: str) -> bytes:
    """The payload of a compact JWS or of a bare base64url string, read without any check (a device that is
    not registered sends its info unsigned: shown to the technician, never trusted)."""
    parts = token.split(".")
    return b64url_decode(parts[1] if len(parts) == 3 else token)


def verify(token: str, anchors: list[x509.Certificate], now: dt.datetime | None = None) -> Verified:
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise JwsError("format", "not a compact JWS")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JwsError("format", "header is not JSON") from exc
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise JwsError("format", "algorithm missing or not accepted")
    chain = _chain(header.get("x5c"))
    _check_chain(chain, anchors, now or dt.datetime.now(dt.UTC))
    signature = b64url_decode(parts[2])
    _check_signature(header["alg"], chain[0], f"{parts[0]}.{parts[1]}".encode("ascii"), signature)
    return Verified(header, b64url_decode(parts[1]), chain[0])


def _chain(x5c: Any) -> list[x509.Certificate]:
    if not isinstance(x5c, list) or not 1 <= len(x5c) <= _MAX_CHAIN or not all(isinstance(c, str) for c in x5c):
        raise JwsError("format", "x5c missing")
    try:
        return [x509.load_der_x509_certificate(base64.b64decode(c, validate=True)) for c in x5c]
    except (binascii.Error, ValueError) as exc:
        raise JwsError("format", "x5c holds no certificate") from exc


def _check_chain(chain: list[x509.Certificate], anchors: list[x509.Certificate], now: dt.datetime) -> None:
    for cert in chain:
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            raise JwsError("trust", "a certificate of the chain is not valid now")
    for child, parent in zip(chain, chain[1:], strict=False):
        _issued_by(child, parent)
    top = chain[-1]
    for anchor in anchors:
        if top == anchor:
            return
        if top.issuer == anchor.subject:
            try:
                top.verify_directly_issued_by(anchor)
            except (ValueError, TypeError, InvalidSignature):
                continue
            if anchor.not_valid_before_utc <= now <= anchor.not_valid_after_utc:
                return
    raise JwsError("trust", "the chain leads to no trusted device provider")


def _issued_by(child: x509.Certificate, parent: x509.Certificate) -> None:
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise JwsError("trust", "x5c is not a chain") from exc


def _check_signature(alg: str, cert: x509.Certificate, signed: bytes, signature: bytes) -> None:
    key = cert.public_key()
    try:
        if alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                raise JwsError("signature", "ES256 signature length")
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
        elif alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        elif alg == "PS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
        else:
            raise JwsError("signature", "algorithm does not match the certificate's key")
    except InvalidSignature as exc:
        raise JwsError("signature", "signature does not verify") from exc
