"""A stand-in for the ANTS rendez-vous coordination API's status call, with which a mairie checks a
pre-application number against the appointments booked under it elsewhere (domain.md, "Counter reality").

The real service is another host (`https://api-coordination.rendezvouspasseport.ants.gouv.fr/api`, its
integration twin under `int.`): `GET /api/status?application_ids=A&application_ids=B` (or `A,B`), header
`x-rdv-opt-auth-token`, answering per id `{"status": ..., "appointments": [{"meeting_point",
"meeting_point_id", "appointment_date", "management_url"}]}` and 401 `{"detail": ...}` for a bad token.
The reference serves the same shape under `PREFIX` on the CERT's listener, so one HTTPS endpoint serves a
demo; its token is the CERT's `--rdv-token` setting. Numbers it does not hold are `unknown`.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, RootModel

from .lookups.db import ErrorBody, LookupDb

log = logging.getLogger(__name__)

PREFIX = "/ants"
TOKEN_HEADER = "x-rdv-opt-auth-token"
DEMO_TOKEN = "reference-rdv-token"  # the reference CERT's default: demos and tests, never a real one
STATUSES = ("validated", "consumed", "declared", "unknown", "expired")
MAX_IDS = 20
ID_PATTERN = re.compile(r"^[A-Za-z0-9]{1,32}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS rdv_application (
    number TEXT PRIMARY KEY,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rdv_appointment (
    number           TEXT NOT NULL,
    meeting_point    TEXT NOT NULL,
    meeting_point_id TEXT NOT NULL,
    appointment_date TEXT NOT NULL,
    management_url   TEXT NOT NULL,
    UNIQUE (number, meeting_point_id, appointment_date)
);
"""

# Pre-application numbers of cert/lookups/seed.py, and one only the rendez-vous platform knows.
SEEDED = {"single": "PD7K2M9TR4", "duplicate": "PD3XW8N5QA", "expired": "PD9ZL4C2HB", "consumed": "PD5RT7V1KE",
          "declared": "PD2DCL8RVB"}
_POINTS = {"21231": "Mairie de Dijon", "21054": "Mairie de Beaune", "21166": "Mairie de Chenôve"}


class Appointment(BaseModel):
    meeting_point: str = Field(description="where it is booked (a mairie)")
    meeting_point_id: str
    appointment_date: str = Field(description="local date and time, ISO 8601 without offset")
    management_url: str


class ApplicationStatus(BaseModel):
    status: str = Field(description=" | ".join(STATUSES))
    appointments: list[Appointment]


class StatusReply(RootModel[dict[str, ApplicationStatus]]):
    """One entry per application id asked for."""


class AuthError(BaseModel):
    detail: str


class RdvStatus:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA)

    def add(self, number: str, status: str, appointments: list[Appointment]) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO rdv_application VALUES (?,?)", (number, status))
            for a in appointments:
                c.execute("INSERT OR IGNORE INTO rdv_appointment VALUES (?,?,?,?,?)",
                          (number, a.meeting_point, a.meeting_point_id, a.appointment_date, a.management_url))

    def status(self, number: str) -> ApplicationStatus:
        row = self._db.read_one("SELECT status FROM rdv_application WHERE number = ?", (number,))
        if row is None:
            return ApplicationStatus(status="unknown", appointments=[])
        rows = self._db.read("SELECT meeting_point, meeting_point_id, appointment_date, management_url "
                             "FROM rdv_appointment WHERE number = ? ORDER BY appointment_date", (number,))
        return ApplicationStatus(status=row[0], appointments=[
            Appointment(meeting_point=r[0], meeting_point_id=r[1], appointment_date=r[2], management_url=r[3])
            for r in rows])


def seed(store: RdvStatus, now: datetime | None = None) -> None:
    """Dates relative to the first start, like the other lookups' seed."""
    today = (now or datetime.now(UTC)).replace(hour=9, minute=30, second=0, microsecond=0, tzinfo=None)

    def at(insee: str, days: int) -> Appointment:
        when = (today + timedelta(days=days)).isoformat()
        return Appointment(meeting_point=_POINTS[insee], meeting_point_id=insee, appointment_date=when,
                           management_url=f"https://rdv.example.org/{insee}/gerer")

    for label, status, appointments in (
        ("single", "validated", [at("21231", 0)]),
        ("duplicate", "validated", [at("21231", 0), at("21054", 3), at("21166", 12)]),
        ("expired", "expired", []),
        ("consumed", "consumed", [at("21231", -30)]),
        ("declared", "declared", [at("21231", 1)]),
    ):
        store.add(SEEDED[label], status, appointments)


def router(store: RdvStatus, token: str) -> APIRouter:
    api = APIRouter(prefix=PREFIX, tags=["rendez-vous (ANTS stand-in)"])

    @api.get("/api/status", summary="Status and appointments of pre-application numbers (ANTS rendez-vous API)",
             responses={200: {"model": StatusReply}, 400: {"model": ErrorBody}, 401: {"model": AuthError}},
             openapi_extra={"parameters": [
                 {"name": "application_ids", "in": "query", "required": True, "style": "form", "explode": True,
                  "schema": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": MAX_IDS},
                  "description": "repeated, or comma-separated"},
                 {"name": TOKEN_HEADER, "in": "header", "required": True, "schema": {"type": "string"}}]})
    def status(request: Request) -> JSONResponse:
        given = request.headers.get(TOKEN_HEADER, "")
        if not secrets.compare_digest(given.encode("utf-8", "replace"), token.encode()):
            return JSONResponse({"detail": "X-RDV-OPT-AUTH-TOKEN header invalid"}, status_code=401)
        ids = [i.strip() for value in request.query_params.getlist("application_ids") for i in value.split(",")]
        if not ids or len(ids) > MAX_IDS or not all(ID_PATTERN.fullmatch(i) for i in ids):
            return JSONResponse({"error": "application_ids_invalid",
                                 "detail": f"1 to {MAX_IDS} application ids of 1-32 letters or digits"},
                                status_code=400)
        reply = {i: store.status(i.upper()).model_dump() for i in ids}
        # Numbers open someone's file: the outcome only.
        log.info("rdv status", extra={"event": "cert.rdv_status", "count": len(ids)})
        return JSONResponse(reply)

    return api
