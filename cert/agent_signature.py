"""Who took the dossier: the agent's own signature of the package manifest, made by the agent's card.

The station's signature says where a dossier was taken; the agent's says who took it. The CERT accepts a
package only if the agent certificate was issued by the agent CA, is valid now, is not on the agent CA's
current revocation list, names an enrolling role and the very mairie of the sealing station, is the one
the signed manifest names, and signed that manifest (docs/package-format.md, "Agent signature").
Written from the published format; nothing is shared with the station.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

AGENT_SIGNATURE, AGENT_CERTIFICATE = "agent-signature.der", "agent-certificate.pem"
ENROLLING_ROLES = frozenset({"agent", "superviseur"})


class AgentRefused(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


class AgentVerifier:
    """The agent CA, loaded once; its revocation list, read at each package (a new list counts at once)."""

    def __init__(self, agent_ca: Path, agent_crl: Path | None) -> None:
        self._ca = x509.load_pem_x509_certificate(agent_ca.read_bytes())
        self._crl_path = agent_crl

    def check(self, entries: dict[str, bytes], manifest: dict, station_mairie: str | None,
              now: datetime) -> x509.Certificate:
        """The agent certificate, once every check above holds; AgentRefused otherwise."""
        if AGENT_SIGNATURE not in entries or AGENT_CERTIFICATE not in entries:
            raise AgentRefused(403, "agent_signature_missing", "the package carries no agent signature")
        try:
            agent = x509.load_pem_x509_certificate(entries[AGENT_CERTIFICATE])
        except ValueError as exc:
            raise AgentRefused(400, "malformed_package", "agent-certificate.pem is not a certificate") from exc
        self._check_agent(agent, station_mairie, now)
        fingerprint = hashlib.sha256(agent.public_bytes(serialization.Encoding.DER)).hexdigest()
        if manifest.get("agent_certificate") != fingerprint:
            raise AgentRefused(400, "manifest_mismatch", "the manifest names another agent certificate")
        _verify(agent, entries[AGENT_SIGNATURE], entries["manifest.json"])
        return agent

    def check_record(self, raw: bytes, station_mairie: str | None, now: datetime) -> x509.Certificate:
        """A signed JSON record (a hand-over): its `agent_certificate` (PEM) and `agent_signature` (base64 of
        a DER signature over the record's canonical JSON without `agent_signature`: sorted keys, no spaces,
        UTF-8), checked as a package's agent is. Returns the agent certificate."""
        try:
            record = json.loads(raw)
            signature = base64.b64decode(record.pop("agent_signature"), validate=True)
            if not signature:
                raise ValueError("no signature")
            agent = x509.load_pem_x509_certificate(str(record["agent_certificate"]).encode("ascii"))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise AgentRefused(403, "agent_signature_missing",
                               "the record carries no readable agent signature") from exc
        self._check_agent(agent, station_mairie, now)
        signed = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        _verify(agent, signature, signed)
        return agent

    def _check_agent(self, agent: x509.Certificate, station_mairie: str | None, now: datetime) -> None:
        try:
            agent.verify_directly_issued_by(self._ca)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise AgentRefused(403, "agent_unknown", "the agent certificate was not issued by the agent CA") from exc
        if not agent.not_valid_before_utc <= now <= agent.not_valid_after_utc:
            raise AgentRefused(403, "agent_expired", "the agent certificate is not valid now")
        if self._revoked(agent, now):
            raise AgentRefused(403, "agent_revoked", "the agent certificate is revoked")
        if _attr(agent, NameOID.ORGANIZATIONAL_UNIT_NAME) not in ENROLLING_ROLES:
            raise AgentRefused(403, "agent_role", "the agent certificate names no enrolling role")
        if station_mairie is None or _attr(agent, NameOID.ORGANIZATION_IDENTIFIER) != f"INSEE:{station_mairie}":
            raise AgentRefused(403, "agent_other_mairie", "the agent belongs to another mairie than the station")

    def _revoked(self, agent: x509.Certificate, now: datetime) -> bool:
        """Listed on the agent CA's current list. A list that is missing, not the CA's, or out of date
        refuses every package: the CERT cannot tell a revoked agent from another."""
        if self._crl_path is None:
            return False  # a CERT configured without revocation (tests of other checks only)
        try:
            crl = x509.load_pem_x509_crl(self._crl_path.read_bytes())
        except (OSError, ValueError) as exc:
            raise AgentRefused(503, "agent_crl_unavailable", "the agent revocation list is unreadable") from exc
        public = self._ca.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey) or not crl.is_signature_valid(public):
            raise AgentRefused(503, "agent_crl_unavailable", "the agent revocation list is not the agent CA's")
        next_update = crl.next_update_utc
        if next_update is not None and next_update < now:
            raise AgentRefused(503, "agent_crl_unavailable", "the agent revocation list is out of date")
        return crl.get_revoked_certificate_by_serial_number(agent.serial_number) is not None


def _verify(agent: x509.Certificate, signature: bytes, data: bytes) -> None:
    key = agent.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise AgentRefused(403, "agent_unknown", "the agent key is not ECDSA")
    try:
        key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise AgentRefused(400, "agent_bad_signature", "the agent signature does not verify") from exc


def role_of(cert: x509.Certificate) -> str:
    return _attr(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)


def agent_id_of(cert: x509.Certificate) -> str:
    return _attr(cert, NameOID.SERIAL_NUMBER)


def _attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
