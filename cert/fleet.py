"""The stations' heartbeats as the CERT keeps them (`fleet.sqlite3`), and POST /v1/heartbeat.

A station tells the CERT, every `[fleet] heartbeat_minutes`, how it is: software version, devices, outbox,
audit entries not yet sent, free disk, certificate and trust expiry dates, and the clock skew it measured at
its previous heartbeat. The CERT answers with its own time, from which the station measures the next skew.
Identifiers, codes and numbers only: no field of the body admits free text (docs/fleet.md).

The CERT keeps the last heartbeat of each station and a short history (`HISTORY` per station), which
`cert-server fleet` reads (cert/fleet_commands.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .json_body import StrictBody, read_body
from .lookups.db import ErrorBody, error, json_body
from .peer import mairie_of, station_of
from .sqlite_file import SqliteFile

log = logging.getLogger(__name__)

HEARTBEAT_PATH = "/v1/heartbeat"
FORMAT = "recueil-heartbeat/1"
DB_NAME = "fleet.sqlite3"
HISTORY = 96  # heartbeats kept per station: a day at the default 15 minutes
MAX_BODY_BYTES = 32 * 1024
CODE = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
VERSION = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"
TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"

SCHEMA = """
CREATE TABLE IF NOT EXISTS heartbeat (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id  TEXT NOT NULL,
    mairie      TEXT,            -- the INSEE code of the client certificate
    received_at TEXT NOT NULL,   -- the CERT's clock
    body        TEXT NOT NULL    -- the heartbeat as received (validated JSON)
);
CREATE INDEX IF NOT EXISTS heartbeat_station ON heartbeat(station_id, id);
"""


class Device(StrictBody):
    kind: str = Field(pattern=CODE)
    implementation: str = Field(pattern=CODE)
    state: Literal["ready", "busy", "not_ready", "not_registered"]
    usable: bool
    reason_code: str | None = Field(pattern=CODE, description="the failing check's name when not usable")


class Outbox(StrictBody):
    depth: int = Field(ge=0, le=10**9, description="dossiers waiting for the CERT's receipt")
    oldest_age_s: int | None = Field(ge=0, le=10**10, description="how long the oldest has waited")


class LastUpdate(StrictBody):
    version: str = Field(pattern=VERSION)
    at: str | None = Field(pattern=TIME)


class Clock(StrictBody):
    skew_s: float = Field(ge=-1e9, le=1e9, description="CERT time minus station time, measured by the station")
    round_trip_s: float = Field(ge=0, le=1e6)
    measured_at: str = Field(pattern=TIME, description="the station's time of the measurement")


class Heartbeat(StrictBody):
    format: Literal["recueil-heartbeat/1"]
    sent_at: str = Field(pattern=TIME, description="the station's clock when it sent this")
    software_version: str = Field(pattern=VERSION)
    last_update: LastUpdate | None
    interval_s: int = Field(ge=60, le=7 * 86400, description="the station's heartbeat interval")
    max_clock_skew_s: int = Field(ge=1, le=86400, description="the skew beyond which the station refuses to seal")
    devices: list[Device] = Field(max_length=32)
    outbox: Outbox
    audit_unsent: int = Field(ge=0, le=10**12, description="audit entries the CERT does not hold yet")
    disk_free_bytes: int | None = Field(ge=0, le=2**63, description="free space of the station's data folder")
    certificate_not_after: str | None = Field(pattern=TIME, description="the station certificate's expiry")
    trust_not_after: str | None = Field(pattern=TIME, description="the earliest expiry of the CERT root and the "
                                                                   "agent CA the station trusts")
    clock: Clock | None = Field(description="the station's last skew measurement, null before the first")


class HeartbeatReply(BaseModel):
    station_id: str
    server_time: str = Field(description="the CERT's clock, ISO 8601 UTC, microseconds")


@dataclass(frozen=True)
class StationBeat:
    station_id: str
    mairie: str | None
    received_at: datetime
    heartbeat: Heartbeat


class FleetStore:
    def __init__(self, data_dir: Path) -> None:
        self._db = SqliteFile(data_dir / DB_NAME, busy_timeout_ms=5000)  # `cert-server fleet` reads beside
        self._db.schema(SCHEMA)

    def record(self, station_id: str, mairie: str | None, beat: Heartbeat, now: datetime) -> None:
        """Keep this heartbeat and forget the station's beyond the last `HISTORY`."""
        with self._db.tx() as c:
            c.execute("INSERT INTO heartbeat(station_id, mairie, received_at, body) VALUES (?,?,?,?)",
                      (station_id, mairie, now.isoformat(), beat.model_dump_json()))
            c.execute("DELETE FROM heartbeat WHERE station_id = ? AND id NOT IN (SELECT id FROM heartbeat "
                      "WHERE station_id = ? ORDER BY id DESC LIMIT ?)", (station_id, station_id, HISTORY))

    def last(self) -> list[StationBeat]:
        """Each station's last heartbeat, by station id."""
        rows = self._db.read("SELECT station_id, mairie, received_at, body FROM heartbeat WHERE id IN "
                             "(SELECT max(id) FROM heartbeat GROUP BY station_id) ORDER BY station_id")
        return [_beat(r) for r in rows]

    def history(self, station_id: str) -> list[StationBeat]:
        rows = self._db.read("SELECT station_id, mairie, received_at, body FROM heartbeat WHERE station_id = ? "
                             "ORDER BY id", (station_id,))
        return [_beat(r) for r in rows]

    def close(self) -> None:
        self._db.close()


def _beat(row: tuple) -> StationBeat:
    return StationBeat(row[0], row[1], datetime.fromisoformat(row[2]),
                       Heartbeat.model_validate(json.loads(row[3]), strict=False))


def router(store: FleetStore, clock: Callable[[], datetime]) -> APIRouter:
    api = APIRouter(tags=["fleet"])

    @api.post(HEARTBEAT_PATH, openapi_extra=json_body(Heartbeat),
              responses={200: {"model": HeartbeatReply}, **{s: {"model": ErrorBody} for s in (400, 403, 413)}},
              summary="A station's periodic health report; the reply carries the CERT's clock")
    async def heartbeat(request: Request) -> JSONResponse:
        station = station_of(request)
        if not station:
            return error(403, "no_client_identity", "no verified client certificate on this connection")
        beat = read_body(await request.body(), Heartbeat, "heartbeat_bad_request",
                         '{"format": "recueil-heartbeat/1", ...} (docs/fleet.md)')
        if isinstance(beat, JSONResponse):
            return beat
        now = clock()
        await run_in_threadpool(store.record, station, mairie_of(request), beat, now)
        log.info("heartbeat received", extra={"event": "cert.heartbeat", "station_id": station})
        # Read again at the last moment: the station takes the middle of its round trip as the time of this.
        return JSONResponse({"station_id": station, "server_time": clock().isoformat(timespec="microseconds")})

    return api
