"""Station provisioning at the reference CERT: one-time tokens, and the endpoint that turns a token and a
CSR into the station's client certificate (docs/cert-api.md, "Provisioning").

The operator registers a station (`cert-server station add`) and hands the printed token to the
technician who installs it; the station generates its key, sends a CSR with the token and gets its
certificate. A token is used once, by one key: the same key may ask again and gets the very same
certificate (the station lost the reply), another key gets 409. Creating a new token for a station
supersedes its unused ones.

The tokens, certificates and revocations are kept in the station registry (cert/registry.py). Neither
the token nor the CSR is ever logged. A new token used by a new key revokes the station's earlier
certificates (the station was reinstalled, or its old key is not to be trusted any more).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .json_body import StrictBody, parse
from .lookups.db import documented, error, json_body
from .registry import DB_NAME, DEFAULT_VALID_HOURS, StationRegistry, TokenRecord
from .station_ca import CsrRefusal, StationIssuer, check_csr, public_key_sha256

__all__ = ["DB_NAME", "DEFAULT_VALID_HOURS", "PROVISION_PATH", "Provisioning", "StationRegistry", "router"]

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024
PROVISION_PATH = "/v1/stations/provision"


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


def certificate_reply(issuer: StationIssuer, certificate_pem: str, status: int) -> JSONResponse:
    """A station certificate with its chain and the root to trust: what provisioning and renewal answer."""
    return JSONResponse({"certificate": certificate_pem, "chain": issuer.chain_pem,
                         "trust_anchor": issuer.trust_anchor_pem}, status_code=status)


def router(provisioning: Provisioning) -> APIRouter:
    api = APIRouter(tags=["provisioning"])
    registry = provisioning.registry

    def refuse(status: int, code: str, detail: str, station_id: str | None = None) -> JSONResponse:
        log.warning("station provisioning refused", extra={"event": "cert.provision_refused", "status": status,
                                                            "code": code, "station_id": station_id})
        return error(status, code, detail)

    def reply(issuer: StationIssuer, record: TokenRecord, status: int) -> JSONResponse:
        assert record.certificate_pem is not None
        return certificate_reply(issuer, record.certificate_pem, status)

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
