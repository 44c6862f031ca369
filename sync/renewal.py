"""Renewing the station's client certificate before it expires (docs/cert-api.md, "Renewal");
`station renew-certificate` is the command around it.

The station asks over mutual TLS with its current pair and a CSR of a NEW key; the CERT keeps the current
certificate valid until it first sees the new one in use, so the station can crash at any moment and
still work with whichever pair is installed.

The two files are installed so that a crash at any moment leaves a working pair:
1. the new key is written to `<key>.new` (0600) before the request; a crash after it only means the next
   run sends the same key again, for which the CERT returns the same certificate;
2. the checked certificate is written to `<cert>.new`, fsync'd: from here on the new pair is complete;
3. `<key>.new` replaces the key, then `<cert>.new` replaces the certificate.
A crash between the two renames of step 3 leaves the new key beside the old certificate; the pending
`<cert>.new` says so, and `finish_interrupted_renewal` (run by this command and when the station starts)
completes the swap. Without a `<cert>.new`, the installed pair is the old, still valid, one.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .errors import SyncError
from .provisioning import build_csr, check_reply, load_or_create_key, read_reply
from .replies import STATION_REVOKED, error_code, map_status

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

RENEW_PATH = "/v1/stations/renew"
PENDING_SUFFIX = ".new"
# The CERT's refusals (docs/cert-api.md) and the message each gets at the station.
REFUSALS = {"certificate_unknown": "renew.not_provisioned"}


@dataclass(frozen=True)
class RenewedCertificate:
    certificate: Path
    key: Path
    serial_hex: str
    not_after: datetime


def pending(path: Path) -> Path:
    return path.with_name(path.name + PENDING_SUFFIX)


def finish_interrupted_renewal(cert_path: Path, key_path: Path) -> bool:
    """Complete a swap a crash interrupted (step 3 above); True when there was one to complete."""
    new_cert, new_key = pending(cert_path), pending(key_path)
    if not new_cert.exists():
        return False
    key_file = new_key if new_key.exists() else key_path
    try:
        certificate = x509.load_pem_x509_certificate(new_cert.read_bytes())
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SyncError.of("renew.interrupted_unusable", retryable=False, path=new_cert) from exc
    if certificate.public_key() != key.public_key():
        # Not the pair step 2 completed (files moved by hand): leave everything for the technician.
        raise SyncError.of("renew.interrupted_unusable", retryable=False, path=new_cert)
    if new_key.exists():
        os.replace(new_key, key_path)
    os.replace(new_cert, cert_path)
    _sync_folder(cert_path.parent)
    if key_path.parent != cert_path.parent:
        _sync_folder(key_path.parent)
    log.info("certificate renewal completed", extra={"event": "sync.renewal_completed",
                                                     "code": f"{certificate.serial_number:x}"})
    return True


def request_renewal(base_url: str, csr_pem: str, trust_anchor: Path, cert_path: Path, key_path: Path,
                    timeout: tuple[float, float] = (5.0, 30.0)) -> requests.Response:
    """POST the CSR over mutual TLS with the installed pair; the 200/201 reply, else SyncError."""
    import requests  # with the call, not with the station's start

    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE or a proxy must not change whom we trust
    session.verify = str(trust_anchor)
    session.cert = (str(cert_path), str(key_path))
    try:
        response = session.post(f"{base_url.rstrip('/')}{RENEW_PATH}", json={"csr": csr_pem}, timeout=timeout)
    except requests.RequestException as exc:  # the current pair stays in service: nothing is lost by waiting
        raise SyncError.of("renew.unreachable", retryable=True) from exc
    finally:
        session.close()
    if response.status_code in (200, 201):
        return response
    code = error_code(response)
    log.warning("CERT refused the renewal", extra={"event": "sync.renew_refused",
                                                   "status": response.status_code, "code": code})
    if code == STATION_REVOKED:
        raise map_status(response.status_code, code)
    if code in REFUSALS:
        raise SyncError.of(REFUSALS[code], retryable=False)
    if response.status_code >= 500 or response.status_code == 429:
        raise SyncError.of("renew.unreachable", retryable=True)
    raise SyncError.of("renew.refused", retryable=False, status=response.status_code)


def renew(base_url: str, station_id: str, trust_anchor: Path, cert_path: Path, key_path: Path) -> RenewedCertificate:
    """Steps 1-3 above; returns the installed certificate."""
    finish_interrupted_renewal(cert_path, key_path)
    try:
        anchor = x509.load_pem_x509_certificate(trust_anchor.read_bytes())
    except (OSError, ValueError) as exc:
        raise SyncError.of("provision.trust_anchor", retryable=False, path=trust_anchor) from exc
    new_key: ec.EllipticCurvePrivateKey = load_or_create_key(pending(key_path))
    response = request_renewal(base_url, build_csr(new_key, station_id), trust_anchor, cert_path, key_path)
    reply = read_reply(response)
    check_reply(reply, new_key, station_id, anchor)
    _write_durably(pending(cert_path), reply.certificate.public_bytes(serialization.Encoding.PEM))
    finish_interrupted_renewal(cert_path, key_path)
    serial = f"{reply.certificate.serial_number:x}"
    log.info("station certificate renewed", extra={"event": "sync.renewed", "station_id": station_id,
                                                   "code": serial, "status": reply.status})
    return RenewedCertificate(cert_path, key_path, serial, reply.certificate.not_valid_after_utc)


def _write_durably(path: Path, data: bytes) -> None:
    """Whole or absent after a crash: written beside, fsync'd, then renamed into place."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (a power cut could otherwise undo them)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
