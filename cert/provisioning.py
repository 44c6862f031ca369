"""Station provisioning at the reference CERT: one-time tokens, and the endpoint that turns a token and a
CSR into the station's client certificate (docs/cert-api.md, "Provisioning").

The operator registers a station (`cert-server station add`) and hands the printed token to the
technician who installs it; the station generates its key, sends a CSR with the token and gets its
certificate. A token is used once, by one key: the same key may ask again and gets the very same
certificate (the station lost the reply), another key gets 409. Creating a new token for a station
supersedes its unused ones.

Tokens are 256-bit random strings, so the store keeps a plain SHA-256 of each (a slow password hash
protects guessable secrets, not these) and a stolen database yields no usable token. Neither the token
nor the CSR is ever logged.

The registry is its own SQLite file beside the CERT's dossiers (`stations.sqlite3`), opened both by the
running service and by `cert-server station add/list` (WAL: they may run at the same time).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .json_body import StrictBody, parse
from .lookups.db import documented, error, json_body
from .station_ca import CsrRefusal, Registration, StationIssuer, check_csr, public_key_sha256

log = logging.getLogger(__name__)

DB_NAME = "stations.sqlite3"
DEFAULT_VALID_HOURS = 72  # long enough to ship the token to the mairie and install over a weekend
MAX_VALID_HOURS = 24 * 30
# 160 bits of entropy as 8 groups of 4 base32 characters (A-Z, 2-7): read over the phone or typed from a
# letter without ambiguity, and never starting with "-" (a command line would take it for an option).
TOKEN_BYTES = 20
MAX_BODY_BYTES = 16 * 1024
PROVISION_PATH = "/v1/stations/provision"

SCHEMA = """
CREATE TABLE IF NOT EXISTS provisioning (
    token_sha256      TEXT PRIMARY KEY,
    station_id        TEXT NOT NULL,
    mairie_insee      TEXT NOT NULL,
    mairie_name       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    used_at           TEXT,
    public_key_sha256 TEXT,
    certificate_pem   TEXT,
    serial_hex        TEXT,
    not_after         TEXT
);
CREATE INDEX IF NOT EXISTS provisioning_station ON provisioning(station_id);
"""
_COLUMNS = ("token_sha256, station_id, mairie_insee, mairie_name, created_at, expires_at, used_at, "
            "public_key_sha256, certificate_pem, serial_hex, not_after")


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


def new_token() -> str:
    text = base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def token_hash(token: str) -> str:
    """Hash of the token as typed, forgiving case, spaces and dashes (how people copy a code)."""
    canonical = "".join(token.split()).replace("-", "").upper()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class StationRegistry:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(data_dir / DB_NAME, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA busy_timeout = 5000")  # the CLI and the service may write at once
        self._conn.executescript(SCHEMA)

    def add(self, registration: Registration, valid_hours: int = DEFAULT_VALID_HOURS,
            now: datetime | None = None) -> str:
        """A new one-time token for the station (returned once, stored hashed); its unused tokens expire."""
        if not 1 <= valid_hours <= MAX_VALID_HOURS:
            raise ValueError(f"a token is valid 1 to {MAX_VALID_HOURS} hours")
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        token = new_token()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(
                    "UPDATE provisioning SET expires_at = ? WHERE station_id = ? AND used_at IS NULL "
                    "AND expires_at > ?", (now.isoformat(), registration.station_id, now.isoformat()))
                self._conn.execute(
                    "INSERT INTO provisioning(token_sha256, station_id, mairie_insee, mairie_name, created_at, "
                    "expires_at) VALUES (?,?,?,?,?,?)",
                    (token_hash(token), registration.station_id, registration.mairie_insee,
                     registration.mairie_name, now.isoformat(), (now + timedelta(hours=valid_hours)).isoformat()))
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return token

    def find(self, token: str) -> TokenRecord | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM provisioning WHERE token_sha256 = ?",
                                     (token_hash(token),)).fetchone()
        return _record(row) if row else None

    def record_issue(self, token: str, spki_sha256: str, certificate: x509.Certificate,
                     now: datetime) -> TokenRecord:
        """Mark the token used by this certificate, unless a concurrent request used it first; returns the
        record as it stands after (the caller compares keys to tell which request won)."""
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        with self._lock:
            self._conn.execute(
                "UPDATE provisioning SET used_at = ?, public_key_sha256 = ?, certificate_pem = ?, serial_hex = ?, "
                "not_after = ? WHERE token_sha256 = ? AND used_at IS NULL",
                (now.isoformat(), spki_sha256, pem, f"{certificate.serial_number:x}",
                 certificate.not_valid_after_utc.isoformat(), token_hash(token)))
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM provisioning WHERE token_sha256 = ?",
                                     (token_hash(token),)).fetchone()
        return _record(row)

    def all(self) -> list[TokenRecord]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM provisioning ORDER BY station_id, created_at").fetchall()
        return [_record(r) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _record(r: tuple) -> TokenRecord:
    created, expires = datetime.fromisoformat(r[4]), datetime.fromisoformat(r[5])
    return TokenRecord(r[0], Registration(r[1], r[2], r[3]), created, expires, _when(r[6]), r[7], r[8], r[9],
                       _when(r[10]))


@dataclass(frozen=True)
class Provisioning:
    """What the provisioning endpoint needs. Without an issuer (no station CA key on this CERT, or the
    OpenAPI document being generated) the endpoint answers 503."""

    registry: StationRegistry
    issuer: StationIssuer | None


class ProvisionRequest(StrictBody):
    token: str = Field(min_length=1, max_length=256, description="the one-time token from the CERT operator")
    csr: str = Field(min_length=1, description="PKCS#10 request, PEM; EC P-256 key; subject CN = station id")


class ProvisionReply(BaseModel):
    certificate: str = Field(description="the station's client certificate, PEM")
    chain: list[str] = Field(description="its issuers up to the station CA, PEM, nearest first")
    trust_anchor: str = Field(description="the CERT root the station must trust, PEM")


def router(provisioning: Provisioning) -> APIRouter:
    api = APIRouter(tags=["provisioning"])
    registry = provisioning.registry

    def refuse(status: int, code: str, detail: str, station_id: str | None = None) -> JSONResponse:
        log.warning("station provisioning refused", extra={"event": "cert.provision_refused", "status": status,
                                                            "code": code, "station_id": station_id})
        return error(status, code, detail)

    def reply(issuer: StationIssuer, record: TokenRecord, status: int) -> JSONResponse:
        assert record.certificate_pem is not None
        return JSONResponse({"certificate": record.certificate_pem, "chain": issuer.chain_pem,
                             "trust_anchor": issuer.trust_anchor_pem}, status_code=status)

    responses = {**documented(ProvisionReply, 400, 403, 409, 503),
                 200: {"model": ProvisionReply, "description": "already issued to this key: the same certificate"},
                 201: {"model": ProvisionReply, "description": "issued"}}

    @api.post(PROVISION_PATH, responses=responses,
              openapi_extra=json_body(ProvisionRequest), status_code=201,
              summary="Issue a station's client certificate for a one-time token and a CSR (no client "
                      "certificate needed)")
    async def provision(request: Request) -> JSONResponse:
        issuer = provisioning.issuer
        if issuer is None:
            return refuse(503, "provisioning_unavailable", "this CERT does not issue station certificates")
        asked = parse(await request.body(), ProvisionRequest)  # its size is bounded before (body_limits)
        if isinstance(asked, str):
            return refuse(400, "provision_bad_request", f'{asked}; the body must be {{"token": "...", '
                                                        f'"csr": "<PEM>"}}, at most {MAX_BODY_BYTES} bytes')
        now = datetime.now(UTC).replace(microsecond=0)
        record = registry.find(asked.token)
        if record is None:
            return refuse(403, "token_unknown", "no provisioning token matches; ask the CERT operator for one")
        station_id = record.registration.station_id
        csr = check_csr(asked.csr, station_id)
        if isinstance(csr, CsrRefusal):
            return refuse(400, csr.code, csr.detail, station_id)
        spki = public_key_sha256(csr.public_key())  # type: ignore[arg-type]  # P-256, checked above
        if record.used_at is not None:
            if record.public_key_sha256 == spki:  # the station lost our reply: the same certificate again
                return reply(issuer, record, 200)
            return refuse(409, "token_used", "this token was already used by another key; ask for a new token",
                          station_id)
        if record.expires_at <= now:
            return refuse(403, "token_expired", "this provisioning token has expired; ask for a new token",
                          station_id)
        certificate = issuer.issue(csr, record.registration, now)
        stored = registry.record_issue(asked.token, spki, certificate, now)
        if stored.public_key_sha256 != spki:  # a concurrent request with another key won the token
            return refuse(409, "token_used", "this token was already used by another key; ask for a new token",
                          station_id)
        log.info("station provisioned", extra={"event": "cert.station_provisioned", "station_id": station_id,
                                               "code": stored.serial_hex, "status": 201})
        return reply(issuer, stored, 201)

    return api
