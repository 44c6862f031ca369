"""A title's templates sealed for one station (`recueil-templates/1`, docs/cert-api.md "Sealed templates"):
the package format run the other way. The station encrypts for the CERT's encryption certificate; here
the CERT encrypts for the public key of the client certificate the requesting station presented, so only
that station (holding the private key) can read them, and a copy intercepted or replayed elsewhere is
useless.

    sealed = MAGIC header-line "\\n" hpke-ciphertext
    MAGIC  = "RECUEIL-TEMPLATES/1\\n"
    header = {"format":"recueil-templates/1","hpke":"DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM",
              "recipient":"<sha256 hex of the station certificate DER>","title":"<title number>"}
    plaintext = {"sealed_at": ..., "templates": [{"data": "<base64>", "format": "ISO/IEC 19794-2:2005",
                 "position": "02"}, ...], "title": "<title number>"}

HPKE base mode (RFC 9180), with `info` = MAGIC || header, so a changed header fails decryption.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from ..receipts import canonical_json

FORMAT = "recueil-templates/1"
MAGIC = b"RECUEIL-TEMPLATES/1\n"
HPKE_NAME = "DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM"
SUITE = Suite(KEM.P256, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
TEMPLATE_FORMAT = "ISO/IEC 19794-2:2005"


def seal_templates(station_certificate_der: bytes, title_number: str, templates: dict[str, bytes],
                   now: datetime) -> bytes:
    """Raises ValueError when the certificate's key is not EC P-256 (no key agreement possible)."""
    cert = x509.load_der_x509_certificate(station_certificate_der)
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise ValueError("the station certificate key is not EC P-256")
    header = canonical_json({"format": FORMAT, "hpke": HPKE_NAME, "title": title_number,
                             "recipient": hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()})
    plaintext = canonical_json({"title": title_number, "sealed_at": now.isoformat(), "templates": [
        {"position": pos, "format": TEMPLATE_FORMAT, "data": base64.b64encode(data).decode("ascii")}
        for pos, data in sorted(templates.items())]})
    return MAGIC + header + b"\n" + SUITE.encrypt(plaintext, key, info=MAGIC + header)
