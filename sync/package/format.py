"""The published shape of a sealed package, format `recueil-package/1` (docs/package-format.md).

The CERT implements the same rules in cert/intake.py from the document, not from this module: the two
sides share the format, never code."""

from __future__ import annotations

import hashlib
import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

FORMAT = "recueil-package/1"
MAGIC = b"RECUEIL-PACKAGE/1\n"  # first bytes of every package, then the header line, then the ciphertext
HEADER_MAX = 4096  # bytes of the JSON header line
HPKE_NAME = "DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM"  # RFC 9180 base mode
HPKE_SUITE = Suite(KEM.P256, KDF.HKDF_SHA256, AEAD.AES_256_GCM)

# Entries of the inner ZIP. The signature entries are outside the manifest they authenticate.
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.sig"  # DER ECDSA P-256 / SHA-256 over the manifest bytes, by the station
SIGNER_CERTIFICATE = "signer.pem"  # the station certificate the CERT issued at provisioning
AGENT_SIGNATURE = "agent-signature.der"  # DER ECDSA P-256 / SHA-256 over the manifest bytes, by the agent's card
AGENT_CERTIFICATE = "agent-certificate.pem"  # the agent's certificate, read from the card
SIGNATURE_ENTRIES = (MANIFEST, MANIFEST_SIGNATURE, SIGNER_CERTIFICATE, AGENT_SIGNATURE, AGENT_CERTIFICATE)
DOSSIER = "dossier.json"
BIOMETRICS = "biometrics.an2"  # ANSI/NIST-ITL 1-2011 transaction, traditional encoding (docs/ansi-nist.md)
SIGNATURE_DYNAMICS = "signature.iso19794-7"
GUARDIAN_SIGNATURE = "guardian-signature.png"  # a minor's application: the holder of parental authority signs
TEMPLATE_DIR = "templates/"  # ISO/IEC 19794-2 minutiae, one per kept finger: templates/<position>.ist
DOCUMENT_DIR = "documents/"  # scanned supporting documents: documents/<NN>-<kind>.png

ENTRY_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}(/[a-z0-9][a-z0-9._-]{0,63})?$")

MEDIA_TYPES = {
    ".json": "application/json",
    ".an2": "application/vnd.ansi-nist-itl",
    ".png": "image/png",
    ".ist": "application/vnd.iso19794-2",
    ".iso19794-7": "application/vnd.iso19794-7",
}


def media_type(name: str) -> str:
    for suffix, kind in MEDIA_TYPES.items():
        if name.endswith(suffix):
            return kind
    return "application/octet-stream"


def certificate_fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, lowercase hex: how a header names the key it was encrypted for."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def hpke_info(header: bytes) -> bytes:
    """The HPKE `info`: binds the clear header to the ciphertext, so a changed header fails decryption."""
    return MAGIC + header
