"""The fee stamp endpoints (docs/cert-api.md, "Fee stamps"): check, reserve for a dossier, consume.

The check (GET) always answers 200 for a known stamp with its status, because the agent needs the amount
and date even of a stamp that cannot be used, to explain why. Reserving and consuming answer 409 when
another dossier used or holds the stamp, naming nobody: which dossier it was is none of this counter's
business.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..json_body import StrictBody, read_body
from ..peer import mairie_of
from ..storage import ClaimCheck
from .db import documented, error, json_body
from .fee_stamp import NUMBER_PATTERN, RESERVATION_DAYS, VALIDITY_MONTHS, FeeStampRecord, FeeStamps

log = logging.getLogger(__name__)


class FeeStampReply(BaseModel):
    number: str
    amount_eur: str = Field(description="decimal, e.g. \"86.00\"")
    purchased_at: str
    expires_at: str
    status: str = Field(description="valid | used | expired")
    used_at: str | None = None
    used_by: str | None = Field(None, description="the dossier id that consumed it")
    reserved_until: str | None = Field(None, description="reserve only: until when it is held for the dossier")


class ConsumeRequest(StrictBody):
    dossier_id: str = Field(min_length=1, max_length=128)


def reply(record: FeeStampRecord, now: datetime, reserved: bool = False) -> JSONResponse:
    body = {
        "number": record.number, "amount_eur": f"{record.amount_cents // 100}.{record.amount_cents % 100:02d}",
        "purchased_at": record.purchased_at.isoformat(), "expires_at": record.expires_at.isoformat(),
        "status": record.status(now), "used_at": record.used_at.isoformat() if record.used_at else None,
        "used_by": record.used_by}
    if reserved and record.reserved_until is not None:
        body["reserved_until"] = record.reserved_until.isoformat()
    return JSONResponse(body)


def taken(record: FeeStampRecord) -> JSONResponse:
    """Another dossier used or holds the stamp: the refusal, without saying which."""
    if record.used_by is not None:
        return error(409, "fee_stamp_used", "this fee stamp was already used for another dossier")
    return error(409, "fee_stamp_reserved", "this fee stamp is reserved for another dossier")


def routes(api: APIRouter, store: FeeStamps, peer_cn_key: str, may_use: ClaimCheck | None = None) -> None:
    def find(number: str) -> FeeStampRecord | JSONResponse:
        if not NUMBER_PATTERN.fullmatch(number):
            return error(400, "fee_stamp_malformed", "a fee stamp number is 16 digits")
        record = store.get(number)
        return record if record is not None else error(404, "fee_stamp_unknown", "no fee stamp under this number")

    async def usable(number: str, request: Request, now: datetime) -> tuple[FeeStampRecord, str, str | None] \
            | JSONResponse:
        """The stamp, the dossier and the station of a reserve or consume request, or its refusal."""
        body = read_body(await request.body(), ConsumeRequest, "fee_stamp_bad_request",
                         '{"dossier_id": "<1-128 characters>"}')
        if isinstance(body, JSONResponse):
            return body
        found = find(number)
        if isinstance(found, JSONResponse):
            return found
        if found.used_by is None and found.status(now) == "expired":
            return error(410, "fee_stamp_expired", f"bought more than {VALIDITY_MONTHS} months ago")
        station = request.scope.get("state", {}).get(peer_cn_key)
        if may_use is not None and not may_use(body.dossier_id, station, mairie_of(request), now):
            return error(403, "dossier_not_yours", "this dossier belongs to a station of another mairie")
        return found, body.dossier_id, station

    @api.get("/v1/fee-stamps/{number}", responses=documented(FeeStampReply, 400, 404),
             summary="Check a fee stamp: amount, purchase date, status")
    def check(number: str) -> JSONResponse:
        found = find(number)
        return found if isinstance(found, JSONResponse) else reply(found, datetime.now(UTC))

    @api.post("/v1/fee-stamps/{number}/reserve", responses=documented(FeeStampReply, 400, 403, 404, 409, 410),
              openapi_extra=json_body(ConsumeRequest),
              summary=f"Hold a fee stamp for a dossier for {RESERVATION_DAYS} days (idempotent per dossier)")
    async def reserve(number: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC).replace(microsecond=0)
        checked = await usable(number, request, now)
        if isinstance(checked, JSONResponse):
            return checked
        _, dossier_id, station = checked
        record = store.reserve(number, dossier_id, now)
        assert record is not None
        if not record.free_for(dossier_id, now):
            return taken(record)
        log.info("fee stamp reserved", extra={"event": "cert.fee_stamp_reserved", "dossier_id": dossier_id,
                                              "station_id": station})
        return reply(record, now, reserved=True)

    @api.post("/v1/fee-stamps/{number}/consume", responses=documented(FeeStampReply, 400, 403, 404, 409, 410),
              openapi_extra=json_body(ConsumeRequest), summary="Consume a fee stamp for a dossier (once)")
    async def consume(number: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC).replace(microsecond=0)
        checked = await usable(number, request, now)
        if isinstance(checked, JSONResponse):
            return checked
        _, dossier_id, station = checked
        record = store.consume(number, dossier_id, now, station)
        assert record is not None
        if record.used_by != dossier_id:
            return taken(record)
        log.info("fee stamp consumed", extra={"event": "cert.fee_stamp_consumed", "dossier_id": dossier_id,
                                              "station_id": station})
        return reply(record, now)

