"""The 2D-Doc signature: Base32 (no padding) of the ECDSA r‖s over the header and data zone, as the
DataMatrix carries them (everything before US), verified with the named certificate's key."""

from __future__ import annotations

import base64
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

_BASE32 = re.compile(r"[A-Z2-7]+")
# P-256 signs with SHA-256, P-384 with SHA-384, P-521 with SHA-512 (the specification pairs them so).
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "secp256r1": hashes.SHA256, "secp384r1": hashes.SHA384, "secp521r1": hashes.SHA512,
}


def decode(text: str) -> bytes | None:
    """The signature's bytes, or None when `text` is not canonical unpadded Base32."""
    if not _BASE32.fullmatch(text):
        return None
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:  # a length no byte string encodes to
        return None
    # Only the canonical form: the unused low bits of the last character must be zero, or one signature
    # would have several spellings and a changed character could still verify.
    return raw if base64.b32encode(raw).decode().rstrip("=") == text else None


def verifies(key: ec.EllipticCurvePublicKey, signed: bytes, signature: bytes) -> bool:
    size = (key.curve.key_size + 7) // 8
    digest = _HASHES.get(key.curve.name)
    if digest is None or len(signature) != 2 * size:
        return False
    r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
    try:
        key.verify(encode_dss_signature(r, s), signed, ec.ECDSA(digest()))
    except InvalidSignature:
        return False
    return True
