"""Agent authentication by smart card: PIN on the card, then proof of the card's key.

The station trusts nothing the card says until the card has signed a fresh random challenge with the key
of a certificate that the configured agent CA issued, that is valid now, and that names this mairie.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from devices.errors import DeviceError
from devices.smartcard import SmartCardReader

from .agent_ca import check_agent_ca
from .errors import AuthError
from .revocation import RevocationList
from .strings import label, message

log = logging.getLogger(__name__)

ROLES = {role: label(f"role.{role}") for role in ("agent", "superviseur", "technicien")}


@dataclass(frozen=True)
class AgentSession:
    agent_id: str
    display_name: str
    role: str  # "agent", "superviseur" or "technicien"
    mairie_insee: str
    certificate_sha256: str
    opened_at: datetime
    # Checked against each newly installed revocation list: a revoked card's open session ends at once.
    certificate_serial: int

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def may_enroll(self) -> bool:
        return self.role in ("agent", "superviseur")


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def check_certificate(cert: x509.Certificate, agent_ca: x509.Certificate, mairie_insee: str, now: datetime) -> None:
    check_agent_ca(agent_ca, now)
    try:
        cert.verify_directly_issued_by(agent_ca)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise AuthError("auth.foreign", message("auth.foreign")) from exc
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise AuthError("auth.expired", message("auth.expired"))
    if _attr(cert.subject, NameOID.ORGANIZATION_IDENTIFIER) != f"INSEE:{mairie_insee}":
        raise AuthError("auth.other_mairie", message("auth.other_mairie"))
    if _attr(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME) not in ROLES:
        raise AuthError("auth.no_role", message("auth.no_role"))


def authenticate(
    reader: SmartCardReader,
    pin: str,
    agent_ca: x509.Certificate,
    mairie_insee: str,
    revocation: RevocationList,
) -> AgentSession:
    """Runs on the smart-card worker thread. Raises AuthError with the agent-facing French message."""
    try:
        reader.connect()
        reader.verify_pin(pin)
        der = reader.read_certificate()
        challenge = os.urandom(32)
        signature = reader.sign(challenge, pin)  # the PIN again only for a key the card unlocks per use
    except DeviceError as exc:
        raise AuthError(exc.code, exc.message) from exc
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError as exc:
        raise AuthError("auth.bad_certificate", message("auth.bad_certificate")) from exc
    now = datetime.now(UTC)
    try:
        check_certificate(cert, agent_ca, mairie_insee, now)
    except AuthError as exc:
        if exc.code != "auth.foreign":  # issued by the agent CA: its serial number names the agent
            exc.agent_id = _attr(cert.subject, NameOID.SERIAL_NUMBER) or None
        raise
    try:
        revocation.check(cert, now)
        public_key = cert.public_key()
        if not isinstance(public_key, ec.EllipticCurvePublicKey):
            raise AuthError("auth.bad_certificate", message("auth.bad_certificate"))
        try:
            public_key.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise AuthError("auth.bad_signature", message("auth.bad_signature")) from exc
    except AuthError as exc:
        exc.agent_id = _attr(cert.subject, NameOID.SERIAL_NUMBER) or None
        raise
    session = AgentSession(
        agent_id=_attr(cert.subject, NameOID.SERIAL_NUMBER),
        display_name=_attr(cert.subject, NameOID.COMMON_NAME),
        role=_attr(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        mairie_insee=mairie_insee,
        certificate_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        opened_at=now,
        certificate_serial=cert.serial_number,
    )
    log.info("agent session opened", extra={"event": "login", "agent_id": session.agent_id, "role": session.role})
    return session
