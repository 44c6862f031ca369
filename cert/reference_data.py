"""Reference data the stations' rules depend on (fee table, communes, trust lists), published signed and
versioned (docs/reference-data.md, format `recueil-reference/1`).

Each list is one envelope file, <data-dir>/reference/NAME.json, written whole by `cert-server reference
publish` (a new version signed with the reference-data key) and served as is: a station verifies the
signature, so the files and this channel need not be trusted by it; it also checks the index's digest."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from .lookups.db import ErrorBody, error
from .receipts import canonical_json

FORMAT = "recueil-reference/1"
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
DEFAULT_MAX_AGE_DAYS = 30
INDEX_PATH = "/v1/reference"


class PublishedSet(BaseModel):
    name: str = Field(description="the list's name, e.g. rules, communes, twoddoc-trust")
    version: int = Field(description="monotonic: each publication adds one")
    issued_at: str = Field(description="ISO 8601, UTC")
    max_age_days: int = Field(description="how long after issued_at a station may still enroll with it")
    sha256: str = Field(description="SHA-256 (hex) of the envelope bytes GET /v1/reference/{name} serves")


class ReferenceIndex(BaseModel):
    sets: list[PublishedSet]


class ReferenceEnvelope(BaseModel):
    format: str = Field(description=FORMAT)
    content: str = Field(description="base64 of the signed content bytes (JSON: name, version, issued_at, "
                                     "max_age_days, media_type, payload_sha256, payload)")
    signature: str = Field(description="base64 DER ECDSA P-256 / SHA-256 over the content bytes")
    certificate: str = Field(description="PEM of the reference-data signing certificate")


@dataclass(frozen=True)
class Envelope:
    name: str
    version: int
    issued_at: str
    max_age_days: int
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _read(path: Path) -> Envelope | None:
    try:
        data = path.read_bytes()
        content = json.loads(base64.b64decode(json.loads(data)["content"]))
        return Envelope(content["name"], content["version"], content["issued_at"], content["max_age_days"], data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ReferenceStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "reference"

    def get(self, name: str) -> Envelope | None:
        return _read(self.folder / f"{name}.json") if NAME.fullmatch(name) else None

    def all(self) -> list[Envelope]:
        found = (_read(p) for p in sorted(self.folder.glob("*.json")) if NAME.fullmatch(p.stem))
        return [e for e in found if e is not None]

    def publish(self, name: str, payload: bytes, media_type: str, max_age_days: int, key_path: Path,
                cert_path: Path, now: datetime | None = None) -> Envelope:
        """Sign `payload` as the next version of `name` and make it the one served."""
        if not NAME.fullmatch(name):
            raise ValueError("a list name is lower-case letters, digits and '-', up to 40 characters")
        if not 0 <= max_age_days <= 3660:
            raise ValueError("the maximum age is 0 to 3660 days")
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the reference-data key must be an EC private key")
        held = self.get(name)
        issued = (now or datetime.now(UTC)).replace(microsecond=0)
        content = canonical_json({
            "name": name, "version": (held.version if held else 0) + 1, "issued_at": issued.isoformat(),
            "max_age_days": max_age_days, "media_type": media_type,
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
            "payload": base64.b64encode(payload).decode("ascii"),
        })
        envelope = canonical_json({
            "format": FORMAT, "content": base64.b64encode(content).decode("ascii"),
            "signature": base64.b64encode(key.sign(content, ec.ECDSA(hashes.SHA256()))).decode("ascii"),
            "certificate": cert_path.read_text("ascii"),
        })
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{name}.tmp"
        tmp.write_bytes(envelope)
        os.replace(tmp, self.folder / f"{name}.json")
        got = _read(self.folder / f"{name}.json")
        assert got is not None
        return got


def router(store: ReferenceStore) -> APIRouter:
    api = APIRouter(tags=["reference"])

    @api.get(INDEX_PATH, summary="The reference lists published: names, versions, digests",
             responses={200: {"model": ReferenceIndex}, 403: {"model": ErrorBody}})
    async def index() -> JSONResponse:
        sets = await run_in_threadpool(store.all)
        return JSONResponse({"sets": [{"name": e.name, "version": e.version, "issued_at": e.issued_at,
                                       "max_age_days": e.max_age_days, "sha256": e.sha256} for e in sets]})

    @api.get(INDEX_PATH + "/{name}", response_class=Response, summary="One reference list's signed envelope",
             responses={200: {"model": ReferenceEnvelope, "content": {"application/json": {}}},
                        403: {"model": ErrorBody}, 404: {"model": ErrorBody}})
    async def one(name: str) -> Response:
        envelope = await run_in_threadpool(store.get, name)
        if envelope is None:
            return error(404, "no_reference", "no reference list of that name is published")
        return Response(content=envelope.data, media_type="application/json")

    return api
