"""Provisioning a station: its own key, a CSR, and the client certificate the CERT issues for a one-time
token (docs/cert-api.md, "Provisioning"). `station provision` is the command around it.

The private key is generated here, written first (mode 0600) and never sent: the CERT only sees the CSR,
which proves the station holds the key. The request goes over TLS authenticated by the configured trust
anchor alone and without a client certificate (the station has none yet). Nothing the CERT answers is
written before it is checked: the certificate must carry our key and our station id, be a client
certificate valid now, chain through the returned issuers, and the CERT must name the same root we trust.

A reply lost on the way (cut, timeout) is not a problem: the key is kept, and running the command again
with the same token sends the same key, for which the CERT returns the same certificate.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .errors import SyncError
from .replies import error_code, json_body

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

PROVISION_PATH = "/v1/stations/provision"
KEY_FILE = "station.key"
CERTIFICATE_FILE = "station.pem"
CHAIN_FILE = "station-chain.pem"  # the issuers the CERT returned (station CA), for the record
# The CERT's refusal codes (docs/cert-api.md) and the message each gets at the station.
REFUSALS = {
    "token_unknown": "provision.token_unknown",
    "token_expired": "provision.token_expired",
    "token_used": "provision.token_used",
    "csr_subject_mismatch": "provision.wrong_station",
}


@dataclass(frozen=True)
class ProvisionedStation:
    station_id: str
    key: Path
    certificate: Path
    chain: Path
    serial_hex: str
    not_after: datetime


@dataclass(frozen=True)
class ProvisionReply:
    certificate: x509.Certificate
    chain: list[x509.Certificate]
    trust_anchor: x509.Certificate
    status: int  # 201 issued now, 200 the same certificate again


def load_or_create_key(path: Path) -> ec.EllipticCurvePrivateKey:
    """The station's key: created (0600, before anything else happens) or, after an interrupted run, the
    one already there, so that the CERT recognises the same key and returns the same certificate."""
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError) as exc:
            raise SyncError.of("provision.key_unusable", retryable=False, path=path) from exc
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
            raise SyncError.of("provision.key_unusable", retryable=False, path=path)
        return key
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL with the mode at creation: the key is never readable by others, not even for an instant.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
        f.flush()
        os.fsync(f.fileno())
    return key


def build_csr(key: ec.EllipticCurvePrivateKey, station_id: str) -> str:
    """The PKCS#10 request, PEM. Only the CN matters: the CERT builds the rest of the subject itself."""
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, station_id)]))
           .sign(key, hashes.SHA256()))
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def request_certificate(base_url: str, token: str, csr_pem: str, trust_anchor: Path,
                        timeout: tuple[float, float] = (5.0, 30.0)) -> ProvisionReply:
    """POST the token and the CSR; the reply parsed, not yet checked (see `check_reply`)."""
    import requests  # with the call, not with the station's start

    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE or a proxy must not change whom we trust
    session.verify = str(trust_anchor)
    try:
        response = session.post(f"{base_url.rstrip('/')}{PROVISION_PATH}", json={"token": token, "csr": csr_pem},
                                timeout=timeout)
    except requests.exceptions.SSLError as exc:
        raise SyncError.of("provision.tls", retryable=True) from exc
    except requests.RequestException as exc:
        raise SyncError.of("provision.unreachable", retryable=True) from exc
    finally:
        session.close()
    if response.status_code not in (200, 201):
        code = error_code(response)
        log.warning("CERT refused provisioning", extra={"event": "sync.provision_refused",
                                                         "status": response.status_code, "code": code})
        if code in REFUSALS:
            raise SyncError.of(REFUSALS[code], retryable=False)
        raise SyncError.of("provision.refused", retryable=response.status_code >= 500,
                           status=response.status_code)
    return read_reply(response)


def read_reply(response: requests.Response) -> ProvisionReply:
    """The certificate reply of provisioning and of renewal (sync/renewal.py), parsed, not yet checked."""
    try:
        body = json_body(response)
        return ProvisionReply(
            certificate=x509.load_pem_x509_certificate(body["certificate"].encode("ascii")),
            chain=[x509.load_pem_x509_certificate(pem.encode("ascii")) for pem in body["chain"]],
            trust_anchor=x509.load_pem_x509_certificate(body["trust_anchor"].encode("ascii")),
            status=response.status_code,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SyncError.of("provision.bad_reply", retryable=True) from exc


def check_reply(reply: ProvisionReply, key: ec.EllipticCurvePrivateKey, station_id: str,
                trust_anchor: x509.Certificate, now: datetime | None = None) -> None:
    """Raise `provision.reply_invalid` unless the reply is the certificate we asked for (see module doc)."""
    now = now or datetime.now(UTC)
    cert = reply.certificate
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    problems = []
    if cert.public_key().public_bytes(serialization.Encoding.DER, spki) != key.public_key().public_bytes(
            serialization.Encoding.DER, spki):
        problems.append("key")
    if [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)] != [station_id]:
        problems.append("subject")
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        problems.append("validity")
    if ExtendedKeyUsageOID.CLIENT_AUTH not in _extended_key_usage(cert):
        problems.append("usage")
    if not reply.chain or not _chains(cert, reply.chain):
        problems.append("chain")
    if reply.trust_anchor != trust_anchor:
        problems.append("trust_anchor")
    if problems:
        log.warning("provisioning reply refused", extra={"event": "sync.provision_reply_invalid",
                                                         "code": ",".join(problems)})
        raise SyncError.of("provision.reply_invalid", retryable=False)


def _extended_key_usage(cert: x509.Certificate) -> list[x509.ObjectIdentifier]:
    try:
        return list(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        return []


def _chains(cert: x509.Certificate, chain: list[x509.Certificate]) -> bool:
    """Each certificate directly issued by the next one, every issuer a CA."""
    for child, issuer in zip([cert, *chain], chain, strict=False):
        try:
            constraints = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value
            child.verify_directly_issued_by(issuer)
        except (x509.ExtensionNotFound, ValueError, TypeError, InvalidSignature):
            return False
        if not constraints.ca:
            return False
    return True


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def provision(base_url: str, token: str, station_id: str, trust_anchor: Path, out_dir: Path) -> ProvisionedStation:
    """Key, CSR, request, checks, then the certificate and its chain written in `out_dir`."""
    try:
        anchor = x509.load_pem_x509_certificate(trust_anchor.read_bytes())
    except (OSError, ValueError) as exc:
        raise SyncError.of("provision.trust_anchor", retryable=False, path=trust_anchor) from exc
    key_path, cert_path, chain_path = out_dir / KEY_FILE, out_dir / CERTIFICATE_FILE, out_dir / CHAIN_FILE
    if cert_path.exists():  # never replace the certificate of a working station by accident
        raise SyncError.of("provision.already_done", retryable=False, path=cert_path)
    key = load_or_create_key(key_path)
    reply = request_certificate(base_url, token, build_csr(key, station_id), trust_anchor)
    check_reply(reply, key, station_id, anchor)
    pem = serialization.Encoding.PEM
    _write_atomically(chain_path, b"".join(c.public_bytes(pem) for c in reply.chain))
    _write_atomically(cert_path, reply.certificate.public_bytes(pem))
    serial = f"{reply.certificate.serial_number:x}"
    log.info("station provisioned", extra={"event": "sync.provisioned", "station_id": station_id, "code": serial,
                                           "status": reply.status})
    return ProvisionedStation(station_id, key_path, cert_path, chain_path, serial,
                              reply.certificate.not_valid_after_utc)
