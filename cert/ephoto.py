"""ePhoto at the reference CERT: photos taken by certified booths, fetched by stations with their code.

A booth prints a 22-character code on its receipt (domain.md, "Face photo"); the station fetches the
image with it. A code is valid 6 months from the capture and used once: it is **consumed when the dossier
is accepted** (`POST .../consume` with the dossier id), not when fetched, because an agent may fetch,
find the photo refused by the quality checks, and the applicant must still be able to use the code
elsewhere (or the same one again after a cancelled dossier). Consuming is idempotent per dossier: the
same dossier may consume again (a resend), another dossier gets 409. See docs/cert-api.md, "ePhoto".

The store is its own SQLite file beside the CERT's dossiers (`ephoto.sqlite3`), seeded at start with a
few codes built from the developer face set (never copied into the repository), plus an expired one and a
used one, so demos and tests have each case; `cert-server ephoto list` prints them.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .json_body import StrictBody, read_body
from .peer import mairie_of
from .storage import ClaimCheck

log = logging.getLogger(__name__)

DB_NAME = "ephoto.sqlite3"
VALIDITY_MONTHS = 6  # domain.md: "valid 6 months"
# Codes are upper-case letters and digits. The station checks the exact length it is configured for
# (22 by default; one source says 21); the CERT accepts a plausible range and answers 404 for the rest.
CODE_PATTERN = re.compile(r"^[A-Z0-9]{16,32}$")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: printed on a receipt, typed by an agent
CODE_LENGTH = 22
# Developer photos seeded as ePhotos (frontal, plain light background); missing files are skipped.
SEED_FACES = ("deepface_img30.jpg", "facenet_paul_rudd_1.jpg", "hivision_test0.jpg")
MAX_SIDE = 800  # booth images are sized for the title, not full camera frames

SCHEMA = """
CREATE TABLE IF NOT EXISTS ephoto (
    code        TEXT PRIMARY KEY,
    jpeg        BLOB NOT NULL,
    captured_at TEXT NOT NULL,
    label       TEXT NOT NULL,
    used_at     TEXT,
    used_by     TEXT
);
"""


@dataclass(frozen=True)
class EphotoRecord:
    code: str
    captured_at: datetime
    label: str  # what the seed is for: "valid", "expired", "used" (listing only)
    used_at: datetime | None
    used_by: str | None  # the dossier id that consumed it

    @property
    def expires_at(self) -> datetime:
        return add_months(self.captured_at, VALIDITY_MONTHS)


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, the day clipped to the month's length (31 August + 6 months = 28/29 February)."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def seed_code(name: str) -> str:
    """A stable code per seed name, so the demo and the tests can name them across restarts."""
    digest = hashlib.sha256(f"recueil-ephoto-{name}".encode()).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:CODE_LENGTH])


class EphotoStore:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(data_dir / DB_NAME, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.executescript(SCHEMA)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(ephoto)")}
        if "used_by_station" not in columns:  # a store made before stations were recorded
            self._conn.execute("ALTER TABLE ephoto ADD COLUMN used_by_station TEXT")

    def add(self, code: str, jpeg: bytes, captured_at: datetime, label: str, used_by: str | None = None) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO ephoto(code, jpeg, captured_at, label, used_at, used_by) VALUES (?,?,?,?,?,?)",
                (code, jpeg, captured_at.isoformat(), label,
                 captured_at.isoformat() if used_by else None, used_by),
            )

    def get(self, code: str) -> tuple[EphotoRecord, bytes] | None:
        with self._lock:
            r = self._conn.execute(
                "SELECT code, captured_at, label, used_at, used_by, jpeg FROM ephoto WHERE code = ?", (code,)
            ).fetchone()
        return (_record(r), r[5]) if r else None

    def consume(self, code: str, dossier_id: str, now: datetime, station_id: str | None = None
                ) -> EphotoRecord | None:
        """Mark used by `dossier_id` (through `station_id`) unless already used; returns the record as it
        stands after."""
        with self._lock:
            self._conn.execute(
                "UPDATE ephoto SET used_at = ?, used_by = ?, used_by_station = ? WHERE code = ? AND used_by IS NULL",
                (now.isoformat(), dossier_id, station_id, code),
            )
            r = self._conn.execute(
                "SELECT code, captured_at, label, used_at, used_by FROM ephoto WHERE code = ?", (code,)
            ).fetchone()
        return _record(r) if r else None

    def all(self) -> list[EphotoRecord]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT code, captured_at, label, used_at, used_by FROM ephoto ORDER BY label, code"
            ).fetchall()
        return [_record(r) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _record(r: tuple) -> EphotoRecord:
    return EphotoRecord(r[0], datetime.fromisoformat(r[1]), r[2],
                        datetime.fromisoformat(r[3]) if r[3] else None, r[4])


def seed(store: EphotoStore, faces_dir: Path | None, now: datetime | None = None) -> list[str]:
    """Seed the demo codes (idempotent: existing codes are kept as they are). Returns the codes."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    images = [j for name in SEED_FACES if (j := _photo(faces_dir, name)) is not None] or [_synthetic()]
    codes = []
    for i, jpeg in enumerate(images):
        codes.append(seed_code(f"valid-{i}"))
        store.add(codes[-1], jpeg, now - timedelta(days=10 + i), "valid")
    codes.append(seed_code("expired"))
    store.add(codes[-1], images[0], add_months(now, -VALIDITY_MONTHS) - timedelta(days=1), "expired")
    codes.append(seed_code("used"))
    store.add(codes[-1], images[0], now - timedelta(days=30), "used", used_by="seed-dossier")
    return codes


def _photo(faces_dir: Path | None, name: str) -> bytes | None:
    if faces_dir is None:
        return None
    image = cv2.imread(str(faces_dir / name), cv2.IMREAD_COLOR)
    if image is None:
        return None
    scale = min(1.0, MAX_SIDE / max(image.shape[:2]))
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def _synthetic() -> bytes:
    """A drawn portrait on a light backdrop, when the developer faces are absent."""
    image = np.full((531, 413, 3), (225, 215, 200), np.uint8)
    cv2.ellipse(image, (206, 560), (190, 150), 0, 180, 360, (90, 60, 40), -1)
    cv2.ellipse(image, (206, 250), (105, 140), 0, 0, 360, (150, 180, 225), -1)
    for dx in (-40, 40):
        cv2.circle(image, (206 + dx, 225), 9, (60, 40, 30), -1)
    cv2.line(image, (176, 320), (236, 320), (90, 90, 170), 5)
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


class ConsumeRequest(StrictBody):
    dossier_id: str = Field(min_length=1, max_length=128)


class EphotoReply(BaseModel):
    code: str
    jpeg: str = Field(description="the booth's JPEG, base64")
    sha256: str
    captured_at: str
    expires_at: str


class ConsumeReply(BaseModel):
    code: str
    used_at: str
    dossier_id: str


def _error(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


def router(store: EphotoStore, peer_cn_key: str, may_use: ClaimCheck | None = None) -> APIRouter:
    """`may_use` says whether the calling station may consume for a dossier (its own or its mairie's)."""
    # Imported here: the lookups package imports this module (add_months), so a top-level import would cycle.
    from .lookups.db import documented, json_body

    api = APIRouter(tags=["ephoto"])

    def refusal(code: str, record: EphotoRecord | None, now: datetime) -> JSONResponse | None:
        if not CODE_PATTERN.fullmatch(code):
            return _error(400, "ephoto_malformed", "an ePhoto code is 16-32 upper-case letters and digits")
        if record is None:
            return _error(404, "ephoto_unknown", "no photo under this code")
        if record.expires_at < now:
            return _error(410, "ephoto_expired", f"taken more than {VALIDITY_MONTHS} months ago")
        return None

    @api.get("/v1/ephoto/{code}", responses=documented(EphotoReply, 400, 404, 409, 410),
             summary="The booth photo under an ePhoto code")
    def fetch(code: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC)
        found = store.get(code) if CODE_PATTERN.fullmatch(code) else None
        record = found[0] if found else None
        refused = refusal(code, record, now)
        if refused is None and record is not None and record.used_by is not None:
            refused = _error(409, "ephoto_used", "this code was already used for a dossier")
        station = request.scope.get("state", {}).get(peer_cn_key)
        # The code is an access key to a face image: log its outcome and the station, never the code.
        log.info("ephoto fetch", extra={"event": "cert.ephoto_fetch", "station_id": station,
                                        "status": refused.status_code if refused else 200})
        if refused is not None:
            return refused
        assert found is not None
        record, jpeg = found
        return JSONResponse({
            "code": record.code,
            "jpeg": base64.b64encode(jpeg).decode("ascii"),
            "sha256": hashlib.sha256(jpeg).hexdigest(),
            "captured_at": record.captured_at.isoformat(),
            "expires_at": record.expires_at.isoformat(),
        })

    @api.post("/v1/ephoto/{code}/consume", responses=documented(ConsumeReply, 400, 403, 404, 409, 410),
              openapi_extra=json_body(ConsumeRequest), summary="Consume an ePhoto code for a dossier (once)")
    async def consume(code: str, request: Request) -> JSONResponse:
        now = datetime.now(UTC).replace(microsecond=0)
        body = read_body(await request.body(), ConsumeRequest, "ephoto_bad_request",
                         '{"dossier_id": "<1-128 characters>"}')
        if isinstance(body, JSONResponse):
            return body
        dossier_id = body.dossier_id
        found = store.get(code) if CODE_PATTERN.fullmatch(code) else None
        refused = refusal(code, found[0] if found else None, now)
        if refused is not None:
            return refused
        station = request.scope.get("state", {}).get(peer_cn_key)
        if may_use is not None and not may_use(dossier_id, station, mairie_of(request), now):
            return _error(403, "dossier_not_yours", "this dossier belongs to a station of another mairie")
        record = store.consume(code, dossier_id, now, station)
        assert record is not None
        if record.used_by != dossier_id:
            return _error(409, "ephoto_used", "this code was already used for another dossier")
        assert record.used_at is not None
        return JSONResponse({"code": record.code, "used_at": record.used_at.isoformat(), "dossier_id": dossier_id})

    return api
