"""COMEDEC: the electronic check of an applicant's birth data against the birth commune's civil register.

For a commune connected to COMEDEC the CERT verifies the birth data and no paper birth certificate is
asked (domain.md, "Birth record"); otherwise the agent must ask for one. The reference service holds a few
fictitious communes (connected or not) and birth records. Matching ignores case, accents, hyphens and
apostrophes, as civil registers and typed forms differ on those; a record is "the applicant's" when at
least the surname or the given names match together with the birth date (the most a typo usually
spares), and then every differing field is named.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..json_body import StrictBody, read_body
from .db import LookupDb, documented, error, json_body

log = logging.getLogger(__name__)

INSEE_PATTERN = re.compile(r"^(?:[0-9]{2}|2A|2B)[0-9]{3}$")  # INSEE commune code (Corsica: 2A/2B)
COMPARED = ("surname", "given_names", "sex", "birth_date")

SCHEMA = """
CREATE TABLE IF NOT EXISTS commune (
    insee     TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    connected INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS birth_record (
    insee       TEXT NOT NULL,
    surname     TEXT NOT NULL,
    given_names TEXT NOT NULL,
    sex         TEXT NOT NULL,
    birth_date  TEXT NOT NULL,
    UNIQUE (insee, surname, given_names, birth_date)
);
"""


class BirthData(StrictBody):
    surname: str = Field(min_length=1, max_length=200)
    given_names: str = Field(min_length=1, max_length=200, description="as on the birth record, space separated")
    sex: str = Field(pattern="^[FMX]$")
    birth_date: date
    birth_commune_insee: str | None = Field(None, description="INSEE code; or birth_commune")
    birth_commune: str | None = Field(None, max_length=200, description="commune name, if no INSEE code")


class VerifyReply(BaseModel):
    status: str = Field(description="verified | not_found | mismatch | commune_not_connected")
    fields: list[str] = Field(description="the fields that differ from the record (mismatch only)")


@dataclass(frozen=True)
class BirthRecord:
    insee: str
    surname: str
    given_names: str
    sex: str
    birth_date: date


def fold(text: str) -> str:
    """Upper case without accents; hyphens and apostrophes as spaces; spaces collapsed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[-'’]", " ", plain).upper().split())


class BirthRegisters:
    def __init__(self, db: LookupDb) -> None:
        self._db = db
        db.schema(SCHEMA)

    def add_commune(self, insee: str, name: str, connected: bool) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO commune VALUES (?,?,?)", (insee, name, int(connected)))

    def add_record(self, record: BirthRecord) -> None:
        with self._db.tx() as c:
            c.execute("INSERT OR IGNORE INTO birth_record VALUES (?,?,?,?,?)",
                      (record.insee, record.surname, record.given_names, record.sex, record.birth_date.isoformat()))

    def commune(self, insee: str | None, name: str | None) -> tuple[str, bool] | None:
        """(INSEE code, connected) of the commune named by code, else by folded name."""
        for code, cname, connected in self._db.read("SELECT insee, name, connected FROM commune"):
            if (insee and code == insee) or (not insee and name and fold(cname) == fold(name)):
                return code, bool(connected)
        return None

    def records(self, insee: str) -> list[BirthRecord]:
        rows = self._db.read("SELECT * FROM birth_record WHERE insee = ?", (insee,))
        return [BirthRecord(r[0], r[1], r[2], r[3], date.fromisoformat(r[4])) for r in rows]

    def verify(self, data: BirthData) -> tuple[str, list[str]]:
        commune = self.commune(data.birth_commune_insee, data.birth_commune)
        # A commune we do not know is one COMEDEC cannot answer for: the agent asks for the paper record.
        if commune is None or not commune[1]:
            return "commune_not_connected", []
        given = {"surname": fold(data.surname), "given_names": fold(data.given_names), "sex": data.sex,
                 "birth_date": data.birth_date}
        best: list[str] | None = None
        for r in self.records(commune[0]):
            held = {"surname": fold(r.surname), "given_names": fold(r.given_names), "sex": r.sex,
                    "birth_date": r.birth_date}
            differ = [f for f in COMPARED if held[f] != given[f]]
            anchored = "birth_date" not in differ and ("surname" not in differ or "given_names" not in differ)
            if anchored and (best is None or len(differ) < len(best)):
                best = differ
        if best is None:
            return "not_found", []
        return ("verified", []) if not best else ("mismatch", best)


def routes(api: APIRouter, registers: BirthRegisters, peer_cn_key: str) -> None:
    @api.post("/v1/comedec/verify", responses=documented(VerifyReply, 400), openapi_extra=json_body(BirthData),
              summary="Verify birth data against the birth commune's register (COMEDEC)")
    async def verify(request: Request) -> JSONResponse:
        data = read_body(await request.body(), BirthData, "comedec_bad_request", "birth data (see BirthData)")
        if isinstance(data, JSONResponse):
            return data
        if data.birth_commune_insee is not None and not INSEE_PATTERN.fullmatch(data.birth_commune_insee):
            return error(400, "comedec_bad_request", "birth_commune_insee is not an INSEE commune code")
        if data.birth_commune_insee is None and not (data.birth_commune or "").strip():
            return error(400, "comedec_bad_request", "birth_commune_insee or birth_commune is required")
        status, fields = registers.verify(data)
        # Only the outcome: the birth data are personal.
        log.info("comedec verify", extra={"event": "cert.comedec", "code": status, "count": len(fields),
                                          "station_id": request.scope.get("state", {}).get(peer_cn_key)})
        return JSONResponse({"status": status, "fields": fields})
