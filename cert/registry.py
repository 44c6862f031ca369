"""The CERT's station registry (`stations.sqlite3`): provisioning tokens, the station certificates it
issued, and the revocation list of those certificates.

One SQLite file beside the CERT's dossiers, opened both by the running service and by `cert-server station
add/list/revoke` (WAL, busy timeout: they may write at the same time). The service reads the revocation
list at every request (`admit`), so a revocation made by the CLI process takes effect at the next request
without a restart. Tokens are 160-bit random strings, so the store keeps a plain SHA-256 of each (a slow
password hash protects guessable secrets, not these): a stolen database yields no usable token.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .registry_schema import SCHEMA
from .sqlite_file import SqliteFile
from .station_ca import Registration

DB_NAME = "stations.sqlite3"
DEFAULT_VALID_HOURS = 72  # long enough to ship the token to the mairie and install over a weekend
MAX_VALID_HOURS = 24 * 30
# 160 bits of entropy as 8 groups of 4 base32 characters (A-Z, 2-7): read over the phone or typed from a
# letter without ambiguity, and never starting with "-" (a command line would take it for an option).
TOKEN_BYTES = 20

# Why a certificate left service, as `cert-server station list` shows it.
REASON_REPROVISIONED = "reprovisioned"  # a new token was used by a new key
REASON_RENEWED = "renewed"  # its renewal was used for the first time
REASON_SUPERSEDED = "superseded"  # a renewal never used, replaced by a renewal for another key

_COLUMNS = ("token_sha256, station_id, mairie_insee, mairie_name, created_at, expires_at, used_at, "
            "public_key_sha256, certificate_pem, serial_hex, not_after")
_CERT_COLUMNS = ("serial_hex, station_id, mairie_insee, mairie_name, public_key_sha256, certificate_pem, "
                 "issued_at, not_after, renews, first_used_at")


@dataclass(frozen=True)
class TokenRecord:
    token_sha256: str
    registration: Registration
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    public_key_sha256: str | None
    certificate_pem: str | None
    serial_hex: str | None
    not_after: datetime | None

    def state(self, now: datetime) -> str:
        if self.used_at is not None:
            return "provisioned"
        return "expired" if self.expires_at <= now else "pending"


@dataclass(frozen=True)
class IssuedCertificate:
    serial_hex: str
    registration: Registration
    public_key_sha256: str
    certificate_pem: str
    issued_at: datetime
    not_after: datetime
    renews: str | None
    first_used_at: datetime | None


@dataclass(frozen=True)
class Revocation:
    serial_hex: str
    station_id: str
    reason: str
    revoked_at: datetime


def new_token() -> str:
    text = base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def token_hash(token: str) -> str:
    """Hash of the token as typed, forgiving case, spaces and dashes (how people copy a code)."""
    canonical = "".join(token.split()).replace("-", "").upper()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def serial_hex(certificate: x509.Certificate) -> str:
    """How the registry names a certificate: lowercase hex, no leading zeros (as the TLS layer's is normalised)."""
    return f"{certificate.serial_number:x}"


class StationRegistry:
    def __init__(self, data_dir: Path) -> None:
        # The CLI (`station add`, `station revoke`) and the service may write at once: wait for each other.
        self._db = SqliteFile(data_dir / DB_NAME, busy_timeout_ms=5000)
        self._db.schema(SCHEMA)

    def add(self, registration: Registration, valid_hours: int = DEFAULT_VALID_HOURS,
            now: datetime | None = None) -> str:
        """A new one-time token for the station (returned once, stored hashed); its unused tokens expire."""
        if not 1 <= valid_hours <= MAX_VALID_HOURS:
            raise ValueError(f"a token is valid 1 to {MAX_VALID_HOURS} hours")
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        token = new_token()
        with self._db.tx() as db:
            _expire_tokens(db, registration.station_id, now)
            db.execute(
                "INSERT INTO provisioning(token_sha256, station_id, mairie_insee, mairie_name, created_at, "
                "expires_at) VALUES (?,?,?,?,?,?)",
                (token_hash(token), registration.station_id, registration.mairie_insee,
                 registration.mairie_name, now.isoformat(), (now + timedelta(hours=valid_hours)).isoformat()))
        return token

    def find(self, token: str) -> TokenRecord | None:
        row = self._db.read_one(f"SELECT {_COLUMNS} FROM provisioning WHERE token_sha256 = ?", (token_hash(token),))
        return _record(row) if row else None

    def record_issue(self, token: str, spki_sha256: str, certificate: x509.Certificate,
                     now: datetime) -> TokenRecord:
        """Mark the token used by this certificate, unless a concurrent request used it first; returns the
        record as it stands after (the caller compares keys to tell which request won). The station's
        earlier certificates are revoked in the same transaction: re-provisioning replaces them."""
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        serial = serial_hex(certificate)
        with self._db.tx() as db:
            won = db.execute(
                "UPDATE provisioning SET used_at = ?, public_key_sha256 = ?, certificate_pem = ?, serial_hex = ?, "
                "not_after = ? WHERE token_sha256 = ? AND used_at IS NULL",
                (now.isoformat(), spki_sha256, pem, serial, certificate.not_valid_after_utc.isoformat(),
                 token_hash(token))).rowcount == 1
            row = db.execute(f"SELECT {_COLUMNS} FROM provisioning WHERE token_sha256 = ?",
                             (token_hash(token),)).fetchone()
            record = _record(row)
            if won:
                _revoke_where(db, "station_id = ?", (record.registration.station_id,), REASON_REPROVISIONED, now)
                _insert_certificate(db, record.registration, spki_sha256, certificate, now, renews=None)
        return record

    def certificate(self, serial: str) -> IssuedCertificate | None:
        row = self._db.read_one(f"SELECT {_CERT_COLUMNS} FROM certificates WHERE serial_hex = ?", (serial,))
        return _certificate(row) if row else None

    def pending_renewal(self, serial: str) -> IssuedCertificate | None:
        """The unrevoked renewal of certificate `serial`, if one was issued."""
        row = self._db.read_one(
            f"SELECT {_CERT_COLUMNS} FROM certificates WHERE renews = ? AND serial_hex NOT IN "
            "(SELECT serial_hex FROM revocations) ORDER BY issued_at DESC LIMIT 1", (serial,))
        return _certificate(row) if row else None

    def record_renewal(self, old: IssuedCertificate, spki_sha256: str, certificate: x509.Certificate,
                       now: datetime) -> IssuedCertificate:
        """Keep the renewal of `old`; an earlier renewal of it that was never used (another key: the station
        lost it) is revoked, so at most one renewal waits for its first use."""
        with self._db.tx() as db:
            _revoke_where(db, "renews = ? AND first_used_at IS NULL", (old.serial_hex,), REASON_SUPERSEDED, now)
            _insert_certificate(db, old.registration, spki_sha256, certificate, now, renews=old.serial_hex)
            row = db.execute(f"SELECT {_CERT_COLUMNS} FROM certificates WHERE serial_hex = ?",
                             (serial_hex(certificate),)).fetchone()
        return _certificate(row)

    def admit(self, serial: str, station_id: str | None = None, now: datetime | None = None) -> bool:
        """Whether a request authenticated by certificate `serial` (CN `station_id`) may go on: not when the
        certificate is revoked, nor when this CERT did not issue it and the station is revoked. The first
        request made with a renewed certificate revokes the certificate it renews."""
        if self._db.read_one("SELECT 1 FROM revocations WHERE serial_hex = ?", (serial,)):
            return False
        row = self._db.read_one("SELECT renews, first_used_at FROM certificates WHERE serial_hex = ?", (serial,))
        if row is None:  # made outside provisioning (installer, older CERT): judged by its station
            return self._db.read_one("SELECT 1 FROM revoked_stations WHERE station_id = ?", (station_id,)) is None
        if row[0] is not None and row[1] is None:
            now = (now or datetime.now(UTC)).replace(microsecond=0)
            with self._db.tx() as db:
                if db.execute("UPDATE certificates SET first_used_at = ? WHERE serial_hex = ? AND first_used_at "
                              "IS NULL", (now.isoformat(), serial)).rowcount == 1:
                    _revoke_where(db, "serial_hex = ?", (row[0],), REASON_RENEWED, now)
        return True

    def revoke_station(self, station_id: str, reason: str, now: datetime | None = None) -> list[str]:
        """Revoke every certificate of the station this CERT issued, and any it did not issue (by CN, e.g.
        made by the installer before provisioning existed); expire its unused tokens. The serials newly
        revoked. Certificates issued later (the station provisioned again) are not affected."""
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        with self._db.tx() as db:
            db.execute("INSERT OR REPLACE INTO revoked_stations(station_id, reason, revoked_at) VALUES (?,?,?)",
                       (station_id, reason, now.isoformat()))
            _expire_tokens(db, station_id, now)
            return _revoke_where(db, "station_id = ?", (station_id,), reason, now)

    def all(self) -> list[TokenRecord]:
        rows = self._db.read(f"SELECT {_COLUMNS} FROM provisioning ORDER BY station_id, created_at")
        return [_record(r) for r in rows]

    def revocations(self) -> list[Revocation]:
        # '*': every certificate of the station that this CERT did not issue.
        rows = self._db.read("SELECT serial_hex, station_id, reason, revoked_at FROM revocations UNION ALL "
                             "SELECT '*', station_id, reason, revoked_at FROM revoked_stations ORDER BY 2, 4")
        return [Revocation(r[0], r[1], r[2], datetime.fromisoformat(r[3])) for r in rows]

    def close(self) -> None:
        self._db.close()


def _expire_tokens(db: sqlite3.Connection, station_id: str, now: datetime) -> None:
    db.execute("UPDATE provisioning SET expires_at = ? WHERE station_id = ? AND used_at IS NULL AND expires_at > ?",
               (now.isoformat(), station_id, now.isoformat()))


def _revoke_where(db: sqlite3.Connection, where: str, params: tuple, reason: str, now: datetime) -> list[str]:
    """Revoke the issued certificates matching `where` that are not revoked yet; their serials."""
    serials = [r[0] for r in db.execute(
        f"SELECT serial_hex FROM certificates WHERE {where} AND serial_hex NOT IN "  # noqa: S608 - fixed clauses
        "(SELECT serial_hex FROM revocations)", params)]
    db.executemany("INSERT INTO revocations(serial_hex, station_id, reason, revoked_at) SELECT serial_hex, "
                   "station_id, ?, ? FROM certificates WHERE serial_hex = ?",
                   [(reason, now.isoformat(), s) for s in serials])
    return serials


def _insert_certificate(db: sqlite3.Connection, registration: Registration, spki_sha256: str,
                        certificate: x509.Certificate, now: datetime, renews: str | None) -> None:
    db.execute(
        f"INSERT INTO certificates({_CERT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,NULL)",
        (serial_hex(certificate), registration.station_id, registration.mairie_insee, registration.mairie_name,
         spki_sha256, certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"), now.isoformat(),
         certificate.not_valid_after_utc.isoformat(), renews))


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _record(r: tuple) -> TokenRecord:
    created, expires = datetime.fromisoformat(r[4]), datetime.fromisoformat(r[5])
    return TokenRecord(r[0], Registration(r[1], r[2], r[3]), created, expires, _when(r[6]), r[7], r[8], r[9],
                       _when(r[10]))


def _certificate(r: tuple) -> IssuedCertificate:
    return IssuedCertificate(r[0], Registration(r[1], r[2], r[3]), r[4], r[5], datetime.fromisoformat(r[6]),
                             datetime.fromisoformat(r[7]), r[8], _when(r[9]))
