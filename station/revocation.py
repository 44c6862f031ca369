"""The agent revocation list: fetched from the CERT, trusted only once its signature checks against the
agent CA, kept on disk so the station can still log agents in while the network is down, within limits.

A list past its nextUpdate by more than the configured grace is no longer believed: an agent whose card was
revoked a week ago must not keep opening sessions on a station that has been offline since.

Installing a list tells the `listeners` (from the installing thread): the window ends the open session of a
card the new list revokes, whichever fetch brought it."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .agent_ca import check_agent_ca
from .errors import AuthError
from .strings import message

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevocationStatus:
    ok: bool
    detail: str  # for technicians: "à jour jusqu'au …", "absente", "expirée depuis le …"


class RevocationList:
    def __init__(self, path: Path, agent_ca: x509.Certificate, grace: timedelta) -> None:
        self.path = path
        self.agent_ca = agent_ca
        self.grace = grace
        self.listeners: list[Callable[[], None]] = []

    def _parse(self, data: bytes) -> x509.CertificateRevocationList:
        """The list, verified; ValueError for anything else. cryptography parses some parts only when they
        are read, and raises other types for some (InvalidVersion): every part used later is read here."""
        try:
            crl = (x509.load_pem_x509_crl(data) if data.startswith(b"-----BEGIN") else x509.load_der_x509_crl(data))
            if crl.issuer != self.agent_ca.subject or not crl.is_signature_valid(self.agent_ca.public_key()):
                raise ValueError("the list is not signed by the agent CA")
            _ = crl.last_update_utc, crl.next_update_utc, [r.serial_number for r in crl]
        except (ValueError, TypeError, x509.InvalidVersion) as exc:
            raise ValueError("not a revocation list of the agent CA") from exc
        return crl

    def install(self, data: bytes) -> datetime:
        """Verify then atomically replace the stored list; returns its nextUpdate. Raises ValueError if forged
        or older than the one kept (a replayed old list would un-revoke cards)."""
        crl = self._parse(data)
        current = self._load()
        if current is not None and crl.last_update_utc < current.last_update_utc:
            raise ValueError("the list is older than the one already installed")
        tmp = self.path.with_suffix(".tmp")
        tmp.write_bytes(crl.public_bytes(serialization.Encoding.DER))
        os.replace(tmp, self.path)
        log.info("agent revocation list installed", extra={"event": "crl.installed",
                                                           "count": len(list(crl))})
        for listener in list(self.listeners):
            listener()
        return crl.next_update_utc or crl.last_update_utc

    def is_revoked(self, serial: int) -> bool:
        """Whether the installed list names this certificate serial. Past its grace too: an old list's
        revocations are still revocations (only its silence stops being believed)."""
        crl = self._load()
        return crl is not None and crl.get_revoked_certificate_by_serial_number(serial) is not None

    def _load(self) -> x509.CertificateRevocationList | None:
        try:
            return self._parse(self.path.read_bytes())
        except (FileNotFoundError, ValueError):
            return None

    def validity(self) -> tuple[datetime, datetime] | None:
        """The installed verified list's lastUpdate and nextUpdate, None without one (station/reference.py)."""
        crl = self._load()
        if crl is None:
            return None
        return crl.last_update_utc, crl.next_update_utc or crl.last_update_utc

    def status(self, now: datetime) -> RevocationStatus:
        try:
            check_agent_ca(self.agent_ca, now)
        except AuthError:
            return RevocationStatus(False, message("revocation.ca_invalid"))
        crl = self._load()
        if crl is None:
            return RevocationStatus(False, message("revocation.missing"))
        next_update = crl.next_update_utc or crl.last_update_utc
        if now > next_update + self.grace:
            return RevocationStatus(False, message("revocation.stale", next_update=next_update))
        return RevocationStatus(True, message("revocation.current", next_update=next_update))

    def check(self, cert: x509.Certificate, now: datetime) -> None:
        """Raise AuthError when the card is revoked or the list cannot be believed."""
        check_agent_ca(self.agent_ca, now)  # a list signed by an expired CA is no list
        crl = self._load()
        if crl is None or now > (crl.next_update_utc or crl.last_update_utc) + self.grace:
            raise AuthError("auth.crl_unavailable", message("auth.crl_unavailable"))
        if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
            raise AuthError("auth.revoked", message("auth.revoked"))
