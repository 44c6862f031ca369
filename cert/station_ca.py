"""The station CA at the reference CERT: it checks a station's certificate signing request and issues its
client certificate (docs/cert-api.md, "Provisioning").

The CSR only proves that the station holds the private key: its public key is all the CERT takes from
it. The subject is built here from the registration (the mairie the operator named when creating the
token), never copied from the request, and the extensions are ours, so a station cannot ask for a CA
certificate, another mairie or a server usage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Validity of a station certificate: 825 days, the CA/Browser Forum's former ceiling for TLS certificates,
# which installer/pki.py already uses for every end-entity certificate of the test PKI.
VALIDITY_DAYS = 825
# Backdating absorbs small clock differences between the CERT and a station that checks notBefore at once.
BACKDATE = dt.timedelta(minutes=5)
MAX_CSR_CHARS = 8192  # a P-256 CSR in PEM is about 500 characters


@dataclass(frozen=True)
class Registration:
    """What the CERT operator decided when creating the token: the subject the certificate will carry."""

    station_id: str
    mairie_insee: str
    mairie_name: str


@dataclass(frozen=True)
class CsrRefusal:
    code: str  # machine-readable, in the {"error", "detail"} reply
    detail: str  # English, for the technician


def public_key_sha256(public_key: ec.EllipticCurvePublicKey) -> str:
    """Hex SHA-256 of the SubjectPublicKeyInfo: how a replayed request is recognised as the same key."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def check_csr(pem: str, station_id: str) -> x509.CertificateSigningRequest | CsrRefusal:
    """The parsed CSR if it is acceptable for `station_id`, else why not."""
    if len(pem) > MAX_CSR_CHARS:
        return CsrRefusal("csr_malformed", f"the CSR is longer than {MAX_CSR_CHARS} characters")
    try:
        csr = x509.load_pem_x509_csr(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return CsrRefusal("csr_malformed", "the csr field is not a PEM certificate signing request")
    try:
        key = csr.public_key()
    except (ValueError, TypeError):  # e.g. a curve this library does not know
        return CsrRefusal("csr_key_unsupported", "the CSR's key must be an EC P-256 (secp256r1) key")
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        return CsrRefusal("csr_key_unsupported", "the CSR's key must be an EC P-256 (secp256r1) key")
    if not csr.is_signature_valid:
        return CsrRefusal("csr_signature_invalid", "the CSR's signature does not verify with its own key")
    names = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(names) != 1 or names[0].value != station_id:
        return CsrRefusal("csr_subject_mismatch",
                          f"the CSR's subject CN must be the station id this token was issued for ({station_id})")
    return csr


def subject_for(registration: Registration) -> x509.Name:
    """The station's subject, as installer/pki.py builds it: C, O = mairie, organizationIdentifier = INSEE
    code (the agents' cards carry their mairie the same way), CN = station id."""
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, registration.mairie_name),
        x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"INSEE:{registration.mairie_insee}"),
        x509.NameAttribute(NameOID.COMMON_NAME, registration.station_id),
    ])


class StationIssuer:
    """The station CA's key and certificate, and the CERT root the station is told to trust."""

    def __init__(self, ca_cert: Path, ca_key: Path, trust_anchor: Path) -> None:
        self.ca_certificate = x509.load_pem_x509_certificate(ca_cert.read_bytes())
        key = serialization.load_pem_private_key(ca_key.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the station CA key must be an EC key")
        self._key = key
        self.chain_pem = [self.ca_certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")]
        self.trust_anchor_pem = trust_anchor.read_bytes().decode("ascii")

    def issue(self, csr: x509.CertificateSigningRequest, registration: Registration,
              now: dt.datetime | None = None) -> x509.Certificate:
        start = (now or dt.datetime.now(dt.UTC)) - BACKDATE
        # Never beyond the CA's own end: a certificate outliving its issuer would fail path validation.
        end = min(start + dt.timedelta(days=VALIDITY_DAYS), self.ca_certificate.not_valid_after_utc)
        public_key = csr.public_key()
        assert isinstance(public_key, ec.EllipticCurvePublicKey)  # check_csr let only P-256 through
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject_for(registration))
            .issuer_name(self.ca_certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            # digitalSignature: the TLS client handshake and the signature of the station's packages.
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                           critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                           critical=False)
        )
        return builder.sign(self._key, hashes.SHA256())
