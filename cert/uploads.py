"""Chunked, resumable upload of a sealed package (docs/cert-api.md, "Chunked upload").

A mairie's line drops and stations are switched off mid-upload: a package sent in one PUT would restart
from zero each time. Here the station announces the package (size, digest), sends it chunk by chunk at the
offset the CERT says it holds, and commits. The commit hands the assembled bytes to the same `receive` as
the one-shot PUT, so both paths apply the same checks, and the idempotency key still makes delivery
exactly-once: a commit whose reply was lost is answered, on retry, with the stored receipt.

Uploads are per station (the verified client CN): another station's requests under the same key reach
another upload. Partials live on disk (cert/partials.py) and survive a restart of the service.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .bounds import HEX_SHA256, KEY_PATTERN, MAX_PACKAGE_BYTES
from .json_body import StrictBody, read_body
from .lookups.db import ErrorBody, error, json_body
from .partials import Partial, PartialStore

log = logging.getLogger(__name__)

# The largest chunk the CERT takes in one PATCH: large enough that a fast line is not slowed by round
# trips, small enough that a cut loses little and a request body stays cheap to hold in memory.
CHUNK_MAX_BYTES = 1024 * 1024

# Upload quota per station: a station sends its outbox one package at a time, so a few open uploads cover
# retries after cuts; the bytes are the announced sizes, reserved at creation, so that nobody can announce
# more than it may hold. Beyond either: 429 quota_exceeded until uploads are committed or go stale.
MAX_OPEN_UPLOADS = 8
MAX_HELD_BYTES = 4 * MAX_PACKAGE_BYTES

Receive = Callable[[str, str, bytes, str], JSONResponse]  # (key, station, package, sha256) -> receipt reply
StoredReply = Callable[[str, str, str], JSONResponse | None]  # (key, station, sha256) -> stored reply


class UploadStart(StrictBody):
    size: int = Field(ge=1, description=f"package size in bytes, at most {MAX_PACKAGE_BYTES}")
    sha256: str = Field(pattern=HEX_SHA256.pattern, description="lowercase hex SHA-256 of the whole package")


class UploadFinish(StrictBody):
    sha256: str = Field(pattern=HEX_SHA256.pattern, description="the digest announced at creation")


class UploadState(BaseModel):
    offset: int = Field(description="bytes the CERT holds; the next chunk starts here")
    size: int
    chunk_max: int | None = Field(default=None, description="largest chunk a PATCH may carry")
    received: bool = Field(default=False, description="true: already delivered, commit to get the receipt")


class ReceiptReply(BaseModel):
    receipt: str
    signature: str
    certificate: str


class OffsetError(ErrorBody):
    # Only offset_mismatch and incomplete carry it; the other 409s (upload_conflict, key_conflict) do not.
    offset: int | None = Field(default=None, description="bytes the CERT holds (offset_mismatch, incomplete)")


def _state(partial: Partial, chunk_max: int, status: int) -> JSONResponse:
    return JSONResponse({"offset": partial.offset, "size": partial.size, "chunk_max": chunk_max},
                        status_code=status)


async def _body(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it exceeds `limit`. The body-limit middleware (cert/body_limits.py)
    has already refused, without reading it, a chunk over CHUNK_MAX_BYTES; `limit` may be smaller."""
    data = await request.body()
    return data if len(data) <= limit else None


async def _parse(request: Request, model: type[BaseModel]) -> BaseModel | JSONResponse:
    fields = ", ".join(f'"{name}"' for name in model.model_fields)
    return read_body(await request.body(), model, "upload_bad_request", f"a JSON object with {fields}")


def router(data_dir: Path, receive: Receive, stored: StoredReply, peer_key: str,
           chunk_max: int = CHUNK_MAX_BYTES) -> APIRouter:
    """The upload endpoints over partials kept in `<data_dir>/uploads/` (stale ones are removed now)."""
    partials = PartialStore(data_dir)
    quota = threading.Lock()  # check-then-create of one station's uploads must not interleave
    removed = partials.remove_stale()
    if removed:
        log.info("stale partial uploads removed", extra={"event": "cert.upload_stale", "count": removed})
    api = APIRouter(tags=["uploads"])

    def caller(key: str, request: Request) -> str | JSONResponse:
        """The verified station, or the refusal. Identity first: an unidentified peer learns nothing."""
        station = request.scope.get("state", {}).get(peer_key)
        if not station:
            return error(403, "no_client_identity", "no verified client certificate on this connection")
        if not KEY_PATTERN.fullmatch(key):
            return error(400, "invalid_key", "the idempotency key must be 1-128 characters [A-Za-z0-9._-]")
        return station

    def start(key: str, station: str, size: int, sha256: str) -> JSONResponse:
        done = stored(key, station, sha256)
        name = partials.name(station, key)
        with partials.locked(name):
            if done is not None:
                partials.discard(name)
                if done.status_code >= 300:
                    return done  # key_conflict: the key holds another package
                return JSONResponse({"offset": size, "size": size, "received": True})
            partial = partials.get(name)
            if partial is not None and (partial.size, partial.sha256) != (size, sha256):
                return error(409, "upload_conflict", "an upload under this key announced another size or digest")
            if partial is None:
                with quota:
                    count, held = partials.held_by(station)
                    if count >= MAX_OPEN_UPLOADS or held + size > MAX_HELD_BYTES:
                        log.warning("upload quota exceeded", extra={"event": "cert.upload_quota",
                                                                    "station_id": station, "count": count})
                        return error(429, "quota_exceeded", f"a station may hold {MAX_OPEN_UPLOADS} open uploads "
                                     f"and {MAX_HELD_BYTES} bytes; commit or finish the ones it has")
                    partial = partials.create(name, size, sha256, station)
                log.info("upload started", extra={"event": "cert.upload_started", "station_id": station,
                                                  "count": size})
                return _state(partial, chunk_max, 201)
            log.info("upload resumed", extra={"event": "cert.upload_resumed", "station_id": station,
                                              "count": partial.offset})
            return _state(partial, chunk_max, 200)

    def append(key: str, station: str, offset: int, chunk: bytes) -> JSONResponse:
        name = partials.name(station, key)
        with partials.locked(name):
            partial = partials.get(name)
            if partial is None:
                return error(404, "upload_unknown", "no upload under this key: create it first")
            if offset != partial.offset:
                return error(409, "offset_mismatch", f"the CERT holds {partial.offset} bytes of this upload",
                             offset=partial.offset)
            if offset + len(chunk) > partial.size:
                return error(400, "beyond_size", f"the chunk ends past the announced size ({partial.size})")
            partial = partials.append(name, partial, chunk)
            return JSONResponse({"offset": partial.offset, "size": partial.size})

    def finish(key: str, station: str, sha256: str) -> JSONResponse:
        name = partials.name(station, key)
        with partials.locked(name):
            partial = partials.get(name)
            if partial is None:
                done = stored(key, station, sha256)
                return done or error(404, "upload_unknown", "no upload under this key: create it first")
            if partial.sha256 != sha256:
                return error(409, "upload_conflict", "the upload under this key announced another digest")
            if partial.offset < partial.size:
                return error(409, "incomplete", f"the CERT holds {partial.offset} of {partial.size} bytes",
                             offset=partial.offset)
            reply = receive(key, station, partials.read(name, partial), sha256)
            # Delivered: the partial has done its job. Bytes that do not match their digest can never
            # become a dossier either: drop them so that the next attempt starts clean.
            code = _error_code(reply)
            if reply.status_code < 300 or code == "digest_mismatch":
                partials.discard(name)
            log.info("upload committed", extra={"event": "cert.upload_committed", "station_id": station,
                                                "status": reply.status_code, "code": code})
            return reply

    @api.post("/v1/uploads/{key}", openapi_extra=json_body(UploadStart),
              responses={200: {"model": UploadState}, 201: {"model": UploadState}, 400: {"model": ErrorBody},
                         403: {"model": ErrorBody}, 409: {"model": ErrorBody}, 413: {"model": ErrorBody},
                         429: {"model": ErrorBody}},
              summary="Announce a package (size, digest) or resume its upload: the offset to send from")
    async def create(key: str, request: Request) -> JSONResponse:
        station = caller(key, request)
        if isinstance(station, JSONResponse):
            return station
        body = await _parse(request, UploadStart)
        if isinstance(body, JSONResponse):
            return body
        assert isinstance(body, UploadStart)
        if body.size > MAX_PACKAGE_BYTES:
            return error(413, "too_large", f"packages are limited to {MAX_PACKAGE_BYTES} bytes")
        return await run_in_threadpool(start, key, station, body.size, body.sha256)

    @api.patch("/v1/uploads/{key}",
               openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                   "schema": {"type": "string", "format": "binary"}}}},
                   "parameters": [{"name": "Upload-Offset", "in": "header", "required": True,
                                   "schema": {"type": "integer", "minimum": 0}}]},
               responses={200: {"model": UploadState}, 400: {"model": ErrorBody}, 403: {"model": ErrorBody},
                          404: {"model": ErrorBody}, 409: {"model": OffsetError}, 413: {"model": ErrorBody}},
               summary="Append the next chunk at Upload-Offset")
    async def patch(key: str, request: Request) -> JSONResponse:
        station = caller(key, request)
        if isinstance(station, JSONResponse):
            return station
        raw = request.headers.get("upload-offset", "").strip()
        # ASCII digits only: str.isdigit() also takes "²" (int() then raises) and other scripts' digits.
        if not (raw.isascii() and raw.isdigit()):
            return error(400, "bad_offset", "the Upload-Offset header must be a non-negative integer")
        chunk = await _body(request, chunk_max)
        if chunk is None:
            return error(413, "chunk_too_large", f"a chunk is at most {chunk_max} bytes")
        return await run_in_threadpool(append, key, station, int(raw), chunk)

    @api.post("/v1/uploads/{key}/complete", openapi_extra=json_body(UploadFinish),
              responses={200: {"model": ReceiptReply}, 201: {"model": ReceiptReply}, 400: {"model": ErrorBody},
                         403: {"model": ErrorBody}, 404: {"model": ErrorBody}, 409: {"model": OffsetError}},
              summary="Commit a fully received upload: the package is checked and stored, the receipt returned")
    async def complete(key: str, request: Request) -> JSONResponse:
        station = caller(key, request)
        if isinstance(station, JSONResponse):
            return station
        body = await _parse(request, UploadFinish)
        if isinstance(body, JSONResponse):
            return body
        assert isinstance(body, UploadFinish)
        return await run_in_threadpool(finish, key, station, body.sha256)

    return api


def _error_code(reply: JSONResponse) -> str | None:
    try:
        code = json.loads(bytes(reply.body)).get("error")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None
