"""Online pre-applications (pré-demandes): what the applicant typed at home, fetched by the station with the
number printed on the récapitulatif (domain.md, "Titles and requests").

A number is 10 upper-case letters and digits; it expires if unused after 6 months (verify: a setting of
the reference service, `VALIDITY_MONTHS`), and it is used once: a dossier built on it marks it used.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..ephoto import add_months
from .db import LookupDb, documented, error

log = logging.getLogger(__name__)

NUMBER_PATTERN = re.compile(r"^[A-Z0-9]{10}$")  # domain.md
VALIDITY_MONTHS = 6  # domain.md "it expires if unused (verify: 6 months)"

SCHEMA = """
CREATE TABLE IF NOT EXISTS pre_application (
    number     TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    title      TEXT NOT NULL,
    civil      TEXT NOT NULL,
    address    TEXT NOT NULL,
    contact    TEXT NOT NULL,
    used_by    TEXT
);
"""


@dataclass(frozen=True)
class PreApplicationRecord:
    number: str
    created_at: datetime
    title: str  # "cni", "passport" or "both" (demande couplée)
    civil: dict
    address: dict
    contact: dict
    used_by: str | None

    @property
    def expires_at(self) -> datetime:
        return add_months(self.created_at, VALIDITY_MONTHS)


class Civil(BaseModel):
    surname: str
    given_names: str
    sex: str
    birth_date: str
    birth_commune: str
    birth_commune_insee: str | None = None
    birth_country: str = "FRANCE"


class Address(BaseModel):
    line1: str
    line2: str = ""
    postcode: str
    city: str


class Contact(BaseModel):
    email: str | None = None
    phone: str | None = None


class PreApplicationReply(BaseModel):
    number: str
    title: str
    created_at: str
    expires_at: str
    civil: Civil
    address: Address
    contact: Contact


class PreApplications:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA)

    def add(self, record: PreApplicationRecord) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO pre_application VALUES (?,?,?,?,?,?,?)",
                      (record.number, record.created_at.isoformat(), record.title, json.dumps(record.civil),
                       json.dumps(record.address), json.dumps(record.contact), record.used_by))

    def get(self, number: str) -> PreApplicationRecord | None:
        rows = self._db.read("SELECT * FROM pre_application WHERE number = ?", (number,))
        if not rows:
            return None
        r = rows[0]
        return PreApplicationRecord(r[0], datetime.fromisoformat(r[1]), r[2], json.loads(r[3]),
                                    json.loads(r[4]), json.loads(r[5]), r[6])

    def use(self, number: str, dossier_id: str) -> PreApplicationRecord | None:
        """Mark the pre-application used by the dossier that arrived with it (first dossier wins)."""
        with self._db.tx() as c:
            c.execute("UPDATE pre_application SET used_by = ? WHERE number = ? AND used_by IS NULL",
                      (dossier_id, number))
        return self.get(number)

    def all(self) -> list[PreApplicationRecord]:
        numbers = [r[0] for r in self._db.read("SELECT number FROM pre_application ORDER BY number")]
        return [r for n in numbers if (r := self.get(n)) is not None]


def routes(api: APIRouter, store: PreApplications, peer_cn_key: str) -> None:
    @api.get("/v1/pre-applications/{number}", responses=documented(PreApplicationReply, 400, 404, 409, 410),
             summary="An online pre-application by its number")
    def get_pre_application(number: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC)
        record = store.get(number) if NUMBER_PATTERN.fullmatch(number) else None
        if not NUMBER_PATTERN.fullmatch(number):
            refused = error(400, "pre_application_malformed", "a pre-application number is 10 [A-Z0-9]")
        elif record is None:
            refused = error(404, "pre_application_unknown", "no pre-application under this number")
        elif record.used_by is not None:
            refused = error(409, "pre_application_used", "this pre-application was already used by a dossier")
        elif record.expires_at < now:
            refused = error(410, "pre_application_expired",
                            f"made more than {VALIDITY_MONTHS} months ago and never used")
        else:
            refused = None
        # The number opens someone's civil status: log the outcome and the station, never the number.
        log.info("pre-application lookup", extra={
            "event": "cert.pre_application", "station_id": request.scope.get("state", {}).get(peer_cn_key),
            "status": refused.status_code if refused else 200})
        if refused is not None:
            return refused
        assert record is not None
        return JSONResponse({
            "number": record.number, "title": record.title, "created_at": record.created_at.isoformat(),
            "expires_at": record.expires_at.isoformat(), "civil": record.civil, "address": record.address,
            "contact": record.contact})
