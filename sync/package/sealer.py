"""Sealing: a complete dossier becomes the one immutable package the CERT will receive.

    package = MAGIC + header line (clear JSON, no personal data) + HPKE ciphertext of the signed ZIP

Sign, then encrypt (docs/package-format.md): the station signs the manifest with the key of its
provisioned certificate, then encrypts the whole container for the CERT's encryption certificate with
HPKE (RFC 9180: DHKEM(P-256), HKDF-SHA256, AES-256-GCM), the clear header bound in as HPKE `info`. Only
the CERT holds the private key: once sealed, the station cannot read the biometrics back, and it keeps
only the ciphertext and the dossier stripped of its captures until the signed receipt lets it purge.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from enrollment.model import Dossier

from ..ansi_nist import encode, transaction_from_dossier
from ..errors import SyncError
from . import format as fmt
from .agent_signer import AgentSigner
from .application import application, document_entry, template_entry
from .container import AgentSignatureInvalid, ManifestHead, build_container


@dataclass(frozen=True)
class SealedPackage:
    data: bytes
    sha256: str  # lowercase hex of SHA-256(data): the transport digest the receipt repeats
    idempotency_key: str


@dataclass(frozen=True)
class Sealer:
    """The station's sealing keys, checked once at start-up (`load`)."""

    station_id: str
    cert_agency: str  # ANSI/NIST 1.007 DAI
    signing_key: ec.EllipticCurvePrivateKey
    signing_certificate: x509.Certificate
    recipient: x509.Certificate  # the CERT's encryption certificate

    @classmethod
    def load(cls, station_id: str, cert_agency: str, client_cert: Path, client_key: Path,
             encryption_cert: Path, trust_anchor: Path, now: datetime | None = None) -> Sealer:
        """Read and check the keys: the encryption certificate must come from the CERT root, be valid and
        be meant for key agreement; the signing certificate must match the station key. A station that
        cannot seal says so at start-up rather than at the first complete dossier."""
        now = now or datetime.now(UTC)
        try:
            key = serialization.load_pem_private_key(client_key.read_bytes(), password=None)
            own = x509.load_pem_x509_certificate(client_cert.read_bytes())
            recipient = x509.load_pem_x509_certificate(encryption_cert.read_bytes())
            anchor = x509.load_pem_x509_certificate(trust_anchor.read_bytes())
        except (OSError, ValueError) as exc:
            raise SyncError.of("seal.keys_unreadable", retryable=False) from exc
        if not isinstance(key, ec.EllipticCurvePrivateKey) or own.public_key() != key.public_key():
            raise SyncError.of("seal.keys_mismatch", retryable=False)
        _check_recipient(recipient, anchor, now)
        return cls(station_id, cert_agency, key, own, recipient)

    def seal(self, dossier: Dossier, agent: AgentSigner, now: datetime | None = None) -> SealedPackage:
        """The package bytes, signed by the station and by `agent`. The idempotency key is the dossier id:
        one dossier, one CERT dossier."""
        sealed_at = (now or datetime.now(UTC)).astimezone(UTC)
        files = package_files(dossier, self.station_id, self.cert_agency, sealed_at)
        head = ManifestHead(self.station_id, dossier.id, dossier.id, str(uuid.uuid4()), sealed_at,
                            fmt.certificate_fingerprint(self.recipient), fmt.certificate_fingerprint(agent.certificate))
        try:
            container = build_container(head, files, self.signing_key, self.signing_certificate, agent)
        except AgentSignatureInvalid as exc:
            raise SyncError.of("seal.agent_signature_invalid", retryable=False) from exc
        header = json.dumps({
            "format": fmt.FORMAT, "station_id": self.station_id, "idempotency_key": dossier.id,
            "recipient": head.recipient, "hpke": fmt.HPKE_NAME,
        }, sort_keys=True, separators=(",", ":")).encode("ascii")
        public = self.recipient.public_key()
        assert isinstance(public, ec.EllipticCurvePublicKey)  # checked in load()
        ciphertext = fmt.HPKE_SUITE.encrypt(container, public, info=fmt.hpke_info(header))
        data = fmt.MAGIC + header + b"\n" + ciphertext
        return SealedPackage(data, hashlib.sha256(data).hexdigest(), dossier.id)


def package_files(dossier: Dossier, station_id: str, cert_agency: str, sealed_at: datetime) -> dict[str, bytes]:
    """Every file of the package by entry name, `dossier.json` first (the manifest keeps this order)."""
    app = application(dossier, station_id, sealed_at)
    files = {fmt.DOSSIER: app.model_dump_json(indent=1).encode("utf-8"),
             fmt.BIOMETRICS: encode(transaction_from_dossier(dossier, station_id, cert_agency, sealed_at))}
    if app.signature.dynamics and dossier.signature is not None and dossier.signature.iso_19794_7:
        files[fmt.SIGNATURE_DYNAMICS] = dossier.signature.iso_19794_7
    if app.guardian is not None and app.guardian.signature and dossier.guardian and dossier.guardian.signature:
        files[fmt.GUARDIAN_SIGNATURE] = dossier.guardian.signature.png or b""
    for finger in dossier.fingerprints:
        if finger.captured and finger.template:
            files[template_entry(finger.position.value)] = finger.template
    for i, doc in enumerate(dossier.documents, start=1):
        files[document_entry(i, doc.kind.value)] = doc.png
    return files


def _check_recipient(cert: x509.Certificate, anchor: x509.Certificate, now: datetime) -> None:
    try:
        cert.verify_directly_issued_by(anchor)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise SyncError.of("seal.recipient_untrusted", retryable=False) from exc
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SyncError.of("seal.recipient_expired", retryable=False)
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise SyncError.of("seal.recipient_untrusted", retryable=False)
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.key_agreement:
        raise SyncError.of("seal.recipient_untrusted", retryable=False)
