"""Renewing a station certificate before it expires (docs/cert-api.md, "Renewal").

The station asks over mutual TLS with its current certificate and sends a CSR of a new key with the same
CN; the new certificate carries the registration the current one was issued for. The current certificate
stays valid until the CERT first sees a request made with the new one (registry.admit, run by the
revocation middleware), so a station that crashed before installing the new pair keeps working with the
old one and asks again: the same new key gets the same certificate (200), another key a fresh one that
replaces the unused renewal.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from .body_limits import limit_for
from .json_body import StrictBody, parse
from .lookups.db import documented, error, json_body
from .provisioning import Provisioning, ProvisionReply, certificate_reply
from .registry import IssuedCertificate
from .revocation import PEER_SERIAL_STATE_KEY
from .station_ca import CsrRefusal, StationIssuer, check_csr, public_key_sha256

log = logging.getLogger(__name__)

RENEW_PATH = "/v1/stations/renew"


class RenewRequest(StrictBody):
    csr: str = Field(min_length=1, description="PKCS#10 request, PEM; a NEW EC P-256 key; subject CN = station id")


def router(provisioning: Provisioning, cn_state_key: str) -> APIRouter:
    api = APIRouter(tags=["provisioning"])
    registry = provisioning.registry

    def refuse(status: int, code: str, detail: str, station_id: str | None = None) -> JSONResponse:
        log.warning("certificate renewal refused", extra={"event": "cert.renew_refused", "status": status,
                                                           "code": code, "station_id": station_id})
        return error(status, code, detail)

    def reply(issuer: StationIssuer, issued: IssuedCertificate, status: int) -> JSONResponse:
        return certificate_reply(issuer, issued.certificate_pem, status)

    responses = {**documented(ProvisionReply, 400, 403, 503),
                 200: {"model": ProvisionReply, "description": "already renewed for this key: the same certificate"},
                 201: {"model": ProvisionReply, "description": "issued; the current certificate is revoked when "
                                                               "this one is first used"}}

    @api.post(RENEW_PATH, responses=responses, openapi_extra=json_body(RenewRequest), status_code=201,
              summary="Issue a new certificate for a new key to a station authenticated by its current one")
    async def renew(request: Request) -> JSONResponse:
        issuer = provisioning.issuer
        if issuer is None:
            return refuse(503, "provisioning_unavailable", "this CERT does not issue station certificates")
        state = request.scope.get("state", {})
        station_id, serial = state.get(cn_state_key), state.get(PEER_SERIAL_STATE_KEY)
        asked = parse(await request.body(), RenewRequest)  # its size is bounded before (body_limits)
        if isinstance(asked, str):
            return refuse(400, "renew_bad_request", f'{asked}; the body must be {{"csr": "<PEM>"}}, at most '
                          f"{limit_for('POST', RENEW_PATH).max_bytes} bytes", station_id)
        current = registry.certificate(serial) if serial else None
        if current is None or current.registration.station_id != station_id:
            return refuse(403, "certificate_unknown", "this CERT did not issue the certificate presented; "
                          "provision the station with a token instead", station_id)
        csr = check_csr(asked.csr, station_id)
        if isinstance(csr, CsrRefusal):
            return refuse(400, csr.code, csr.detail, station_id)
        spki = public_key_sha256(csr.public_key())  # type: ignore[arg-type]  # P-256, checked above
        if spki == current.public_key_sha256:
            return refuse(400, "csr_same_key", "a renewal needs a new key, not the current certificate's",
                          station_id)
        pending = registry.pending_renewal(current.serial_hex)
        if pending is not None and pending.public_key_sha256 == spki:  # the station lost our reply
            return reply(issuer, pending, 200)
        now = datetime.now(UTC).replace(microsecond=0)
        issued = registry.record_renewal(current, spki, issuer.issue(csr, current.registration, now), now)
        log.info("station certificate renewed", extra={"event": "cert.station_renewed", "station_id": station_id,
                                                       "code": issued.serial_hex, "status": 201})
        return reply(issuer, issued, 201)

    return api
