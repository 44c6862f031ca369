"""Issued titles: their status, and the envelope the mairie receives them in.

Status, in order: `in_production` (IN Groupe prints it), `sent` (posted to the mairie), `received` (the
agent scanned the envelope), then `handed_over` (cert/lookups/handover.py), or `destroyed` when not
collected within 3 months of receipt (domain.md "After transmission"; `COLLECT_MONTHS`), and `returned`
once a supervisor has sent the uncollected title back to the CERT for destruction. `destroyed` is derived
at read time from the receipt date, so no job has to run for it; the title still waits at the mairie
(GET /v1/titles/waiting lists it, overdue) until it is returned.

Only stations of the collecting mairie (the INSEE code of their certificate) may read a title or register
its envelope: a title number alone must not tell another mairie whose title it is or where.

Envelope barcode (reference format, Code 128): `EV` + the 9-character title number + one ICAO 9303 check
digit computed over the title number (weights 7, 3, 1; digits as themselves, A-Z as 10-35), e.g.
`EVX4RTBPFW4` + check digit. The check digit catches a misread scan before anything is registered.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..ephoto import add_months
from ..json_body import StrictBody, read_body
from ..peer import mairie_of
from .db import LookupDb, documented, error, json_body
from .holders import Holders
from .sms import SmsQueue

log = logging.getLogger(__name__)

TITLE_PATTERN = re.compile(r"^[A-Z0-9]{9}$")  # CNIe: 9 letters/digits; passport \d{2}[A-Z]{2}\d{5} fits too
BARCODE_PATTERN = re.compile(r"^EV([A-Z0-9]{9})([0-9])$")
COLLECT_MONTHS = 3  # domain.md "A title not collected within 3 months is destroyed"
KIND_LABEL = {"cni": "carte nationale d'identité", "passport": "passeport"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS title (
    number         TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    status         TEXT NOT NULL,
    status_at      TEXT NOT NULL,
    mairie         TEXT NOT NULL,
    phone          TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class TitleRecord:
    number: str
    kind: str  # "cni" | "passport"
    status: str  # as stored: in_production | sent | received | handed_over | returned
    status_at: datetime
    mairie: str  # where it is collected, e.g. "Mairie de Dijon"
    phone: str  # the applicant's mobile, for the availability SMS only
    mairie_insee: str = ""  # the collecting mairie's INSEE code: only its stations may receive the envelope
    received_by: str | None = None  # the station that scanned the envelope

    def current(self, now: datetime) -> str:
        if self.status == "received" and self.collect_before is not None and self.collect_before < now:
            return "destroyed"
        return self.status

    @property
    def collect_before(self) -> datetime | None:
        return add_months(self.status_at, COLLECT_MONTHS) if self.status == "received" else None


class TitleReply(BaseModel):
    number: str
    kind: str = Field(description="cni | passport")
    status: str = Field(description="in_production | sent | received | handed_over | destroyed | returned")
    status_at: str
    collect_before: str | None = Field(None, description="received titles: destroyed after this date")


class EnvelopeRequest(StrictBody):
    barcode: str


class HolderNames(BaseModel):
    surname: str
    given_names: str
    usage_name: str = ""


class SmsState(BaseModel):
    state: str = Field(description="none | queued (not yet accepted by the gateway) | sent")
    last_queued_at: str | None = None
    reminders: int = Field(0, description="reminders queued after the first notice")


class EnvelopeReply(BaseModel):
    title: TitleReply
    sms_queued: bool
    holder: HolderNames | None = Field(None, description="the names as the CERT knows them (None: not on record)")
    sms: SmsState


def check_digit(text: str) -> str:
    """ICAO 9303 part 3 check digit: weights 7, 3, 1 over digits and letters (A=10 .. Z=35)."""
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in text]
    return str(sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10)


def envelope_barcode(title_number: str) -> str:
    return f"EV{title_number}{check_digit(title_number)}"


def availability_sms(record: TitleRecord, collect_before: datetime) -> str:
    """What the applicant reads: the title kind, where, until when; nothing more (no name, no number)."""
    return (f"Votre {KIND_LABEL[record.kind]} est disponible en mairie ({record.mairie}). Présentez-vous "
            f"avec votre ancien titre avant le {collect_before:%d/%m/%Y} ; passé ce délai, il sera détruit.")


class Titles:
    def __init__(self, db: LookupDb, sms: SmsQueue) -> None:
        self.db = self._db = db  # public: a reminder queues its SMS in a transaction of this file
        self._sms = sms
        db.schema(SCHEMA, ("title", "mairie_insee TEXT NOT NULL DEFAULT ''"), ("title", "received_by TEXT"))

    @staticmethod
    def insert(conn: sqlite3.Connection, record: TitleRecord) -> None:
        """A new title inside the caller's transaction (its holder goes in with it)."""
        conn.execute(f"INSERT INTO title({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
                     (record.number, record.kind, record.status, record.status_at.isoformat(), record.mairie,
                      record.phone, record.mairie_insee, record.received_by))

    def add(self, record: TitleRecord) -> None:
        """Insert once; a title seeded before mairies were recorded gets its INSEE code."""
        with self._db.tx() as c:
            c.execute(f"INSERT INTO title({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(number) DO UPDATE "
                      "SET mairie_insee = excluded.mairie_insee WHERE title.mairie_insee = ''",
                      (record.number, record.kind, record.status, record.status_at.isoformat(), record.mairie,
                       record.phone, record.mairie_insee, record.received_by))

    def get(self, number: str) -> TitleRecord | None:
        rows = self._db.read(f"SELECT {_COLUMNS} FROM title WHERE number = ?", (number,))
        return _record(rows[0]) if rows else None

    def waiting(self, mairie_insee: str) -> list[TitleRecord]:
        """Titles received at this mairie and neither handed over nor returned, oldest first."""
        rows = self._db.read(f"SELECT {_COLUMNS} FROM title WHERE mairie_insee = ? AND status = 'received' "
                             "ORDER BY status_at, number", (mairie_insee,))
        return [_record(r) for r in rows]

    def receive(self, number: str, now: datetime, station_id: str | None = None,
                mairie_insee: str | None = None) -> tuple[TitleRecord, bool] | None:
        """Mark a sent title received by `station_id` and queue its SMS, in one transaction, if the station
        is of the title's mairie. (record after, changed?); unchanged when the mairie differs."""
        with self._db.tx() as c:
            row = c.execute(f"SELECT {_COLUMNS} FROM title WHERE number = ?", (number,)).fetchone()
            if row is None:
                return None
            record = _record(row)
            if record.status != "sent" or record.mairie_insee != mairie_insee:
                return record, False
            c.execute("UPDATE title SET status = 'received', status_at = ?, received_by = ? WHERE number = ?",
                      (now.isoformat(), station_id, number))
            record = replace(record, status="received", status_at=now, received_by=station_id)
            assert record.collect_before is not None
            SmsQueue.enqueue(c, f"envelope:{number}", record.phone, availability_sms(record, record.collect_before),
                             now)
        self._sms.dispatch(now)
        return record, True


_COLUMNS = "number, kind, status, status_at, mairie, phone, mairie_insee, received_by"


def _record(r: tuple) -> TitleRecord:
    return TitleRecord(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5], r[6], r[7])


def _title(record: TitleRecord, now: datetime) -> dict:
    status = record.current(now)
    return {"number": record.number, "kind": record.kind, "status": status,
            "status_at": record.status_at.isoformat(),
            "collect_before": record.collect_before.isoformat() if record.collect_before else None}


def sms_state(sms: SmsQueue, number: str) -> dict:
    """What became of the title's availability SMS and its reminders (cert/lookups/delivery.py)."""
    trail = sms.trail(f"envelope:{number}", f"reminder:{number}:")
    if not trail:
        return {"state": "none", "last_queued_at": None, "reminders": 0}
    last = trail[-1]
    return {"state": "sent" if last[2] else "queued", "last_queued_at": last[1], "reminders": len(trail) - 1}


def holder_names(holders: Holders, number: str) -> dict | None:
    names = holders.names(number)
    return None if names is None else {"surname": names[0], "given_names": names[1], "usage_name": names[2]}


def routes(api: APIRouter, titles: Titles, holders: Holders, sms: SmsQueue, peer_cn_key: str) -> None:
    @api.get("/v1/titles/{number}", responses=documented(TitleReply, 400, 403, 404), summary="A title's status")
    def title_status(number: str, request: Request) -> JSONResponse:
        if not TITLE_PATTERN.fullmatch(number):
            return error(400, "title_malformed", "a title number is 9 upper-case letters and digits")
        record = titles.get(number)
        if record is None:
            return error(404, "title_unknown", "no title under this number")
        if record.mairie_insee != mairie_of(request):
            return error(403, "title_other_mairie", "this title is collected at another mairie")
        return JSONResponse(_title(record, datetime.now(UTC)))

    @api.post("/v1/envelopes/received", responses=documented(EnvelopeReply, 400, 403, 404, 409),
              openapi_extra=json_body(EnvelopeRequest), summary="A title envelope scanned at the mairie")
    async def envelope_received(request: Request) -> JSONResponse:
        now = datetime.now(UTC).replace(microsecond=0)
        body = read_body(await request.body(), EnvelopeRequest, "envelope_bad_request", '{"barcode": "..."}')
        if isinstance(body, JSONResponse):
            return body
        barcode = body.barcode
        match = BARCODE_PATTERN.fullmatch(barcode)
        if match is None or check_digit(match[1]) != match[2]:
            return error(400, "envelope_malformed", "not an envelope barcode (EV + 9 characters + check digit)")
        station, mairie = request.scope.get("state", {}).get(peer_cn_key), mairie_of(request)
        outcome = titles.receive(match[1], now, station, mairie)
        if outcome is None:
            return error(404, "envelope_unknown", "no title was sent under this barcode")
        record, changed = outcome
        if record.mairie_insee != mairie:
            log.warning("envelope of another mairie", extra={"event": "cert.envelope_refused", "station_id": station,
                                                               "status": 403})
            return error(403, "envelope_other_mairie", "this title is collected at another mairie")
        log.info("envelope scanned", extra={"event": "cert.envelope", "station_id": station,
                                            "status": 200 if changed else 409})
        if changed:
            return JSONResponse({"title": _title(record, now), "sms_queued": True,
                                 "holder": holder_names(holders, record.number), "sms": sms_state(sms, record.number)})
        if record.status == "in_production":
            return error(409, "title_not_sent", "this title has not been sent yet")
        if record.status == "handed_over":
            return error(409, "title_handed_over", "this title was already handed over to its holder")
        if record.status == "returned":
            return error(409, "title_returned", "this title was returned to the CERT for destruction")
        # A second scan changes nothing and says what the first one did.
        return error(409, "envelope_already_received", "this envelope was already registered",
                     title=_title(record, now))
