"""Electronic fiscal stamps (timbres fiscaux électroniques): check one, and consume it for a dossier.

A stamp is a 16-digit number, valid 6 months from purchase (domain.md, verify: `VALIDITY_MONTHS`) and
consumed once. Consuming is idempotent per dossier (a resend after a lost reply gets the same answer);
another dossier gets 409. The check (GET) always answers 200 for a known stamp with its status, because
the agent needs the amount and date even of a stamp that cannot be used, to explain why.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..ephoto import add_months
from ..json_body import StrictBody, read_body
from ..peer import mairie_of
from ..storage import ClaimCheck
from .db import LookupDb, documented, error, json_body

log = logging.getLogger(__name__)

NUMBER_PATTERN = re.compile(r"^[0-9]{16}$")  # domain.md "a 16-digit number"
VALIDITY_MONTHS = 6  # domain.md "valid 6 months from purchase (verify)"

SCHEMA = """
CREATE TABLE IF NOT EXISTS fee_stamp (
    number       TEXT PRIMARY KEY,
    amount_cents INTEGER NOT NULL,
    purchased_at TEXT NOT NULL,
    used_at      TEXT,
    used_by      TEXT
);
"""


@dataclass(frozen=True)
class FeeStampRecord:
    number: str
    amount_cents: int
    purchased_at: datetime
    used_at: datetime | None = None
    used_by: str | None = None

    @property
    def expires_at(self) -> datetime:
        return add_months(self.purchased_at, VALIDITY_MONTHS)

    def status(self, now: datetime) -> str:
        if self.used_by is not None:
            return "used"
        return "expired" if self.expires_at < now else "valid"


class FeeStampReply(BaseModel):
    number: str
    amount_eur: str = Field(description="decimal, e.g. \"86.00\"")
    purchased_at: str
    expires_at: str
    status: str = Field(description="valid | used | expired")
    used_at: str | None = None
    used_by: str | None = Field(None, description="the dossier id that consumed it")


class ConsumeRequest(StrictBody):
    dossier_id: str = Field(min_length=1, max_length=128)


class FeeStamps:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA, ("fee_stamp", "used_by_station TEXT"))  # the station that consumed it

    def add(self, record: FeeStampRecord) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO fee_stamp(number, amount_cents, purchased_at, used_at, used_by) "
                      "VALUES (?,?,?,?,?)",
                      (record.number, record.amount_cents, record.purchased_at.isoformat(),
                       record.used_at.isoformat() if record.used_at else None, record.used_by))

    def get(self, number: str) -> FeeStampRecord | None:
        rows = self._db.read(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?", (number,))
        return _record(rows[0]) if rows else None

    def consume(self, number: str, dossier_id: str, now: datetime, station_id: str | None = None
                ) -> FeeStampRecord | None:
        with self._db.tx() as c:
            c.execute("UPDATE fee_stamp SET used_at = ?, used_by = ?, used_by_station = ? WHERE number = ? "
                      "AND used_by IS NULL", (now.isoformat(), dossier_id, station_id, number))
            row = c.execute(f"SELECT {_COLUMNS} FROM fee_stamp WHERE number = ?", (number,)).fetchone()
        return _record(row) if row else None


_COLUMNS = "number, amount_cents, purchased_at, used_at, used_by"


def _record(r: tuple) -> FeeStampRecord:
    return FeeStampRecord(r[0], r[1], datetime.fromisoformat(r[2]),
                          datetime.fromisoformat(r[3]) if r[3] else None, r[4])


def _reply(record: FeeStampRecord, now: datetime) -> JSONResponse:
    return JSONResponse({
        "number": record.number, "amount_eur": f"{record.amount_cents // 100}.{record.amount_cents % 100:02d}",
        "purchased_at": record.purchased_at.isoformat(), "expires_at": record.expires_at.isoformat(),
        "status": record.status(now), "used_at": record.used_at.isoformat() if record.used_at else None,
        "used_by": record.used_by})


def routes(api: APIRouter, store: FeeStamps, peer_cn_key: str, may_use: ClaimCheck | None = None) -> None:
    def find(number: str) -> FeeStampRecord | JSONResponse:
        if not NUMBER_PATTERN.fullmatch(number):
            return error(400, "fee_stamp_malformed", "a fee stamp number is 16 digits")
        record = store.get(number)
        return record if record is not None else error(404, "fee_stamp_unknown", "no fee stamp under this number")

    @api.get("/v1/fee-stamps/{number}", responses=documented(FeeStampReply, 400, 404),
             summary="Check a fee stamp: amount, purchase date, status")
    def check(number: str) -> JSONResponse:
        found = find(number)
        return found if isinstance(found, JSONResponse) else _reply(found, datetime.now(UTC))

    @api.post("/v1/fee-stamps/{number}/consume", responses=documented(FeeStampReply, 400, 403, 404, 409, 410),
              openapi_extra=json_body(ConsumeRequest), summary="Consume a fee stamp for a dossier (once)")
    async def consume(number: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC).replace(microsecond=0)
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
        record = store.consume(number, body.dossier_id, now, station)
        assert record is not None
        if record.used_by != body.dossier_id:
            return error(409, "fee_stamp_used", "this fee stamp was already used for another dossier")
        log.info("fee stamp consumed", extra={"event": "cert.fee_stamp_consumed", "dossier_id": body.dossier_id,
                                              "station_id": station})
        return _reply(record, now)
