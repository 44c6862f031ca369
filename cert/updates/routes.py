"""GET /v1/updates/metadata/{name} and GET /v1/updates/targets/{name}: the TUF repository as files.

Behind the deny-by-default middleware like every route: only a station with its client certificate reads
them. The files are signed, so the channel adds no trust; it keeps the list of releases among stations.
Names are checked against the repository's own patterns before any file is opened: nothing outside the
metadata and targets folders can be named."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse, Response

from ..lookups.db import ErrorBody
from .repository import METADATA_NAME, TARGET_NAME, UpdateRepository


def _not_found() -> JSONResponse:
    return JSONResponse({"error": "not_found", "detail": "no such update file"}, status_code=404)


def router(repository: UpdateRepository) -> APIRouter:
    r = APIRouter()
    errors = {status: {"model": ErrorBody} for status in (403, 404)}

    @r.get("/v1/updates/metadata/{name}", summary="A TUF metadata file of the station releases",
           response_class=Response, responses={
               200: {"content": {"application/json": {"schema": {"type": "object"}}},
                     "description": "the signed metadata file"}, **errors})
    def metadata(name: str) -> Response:
        """root.json, N.root.json, timestamp.json, N.snapshot.json or N.targets.json (docs/updates.md)."""
        path = repository.metadata / name
        if not METADATA_NAME.fullmatch(name) or not path.is_file():
            return _not_found()
        return FileResponse(path, media_type="application/json")

    @r.get("/v1/updates/targets/{name}", summary="A station release archive, named by its SHA-256",
           response_class=Response, responses={
               200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                     "description": "the release archive"}, **errors})
    def target(name: str) -> Response:
        """<sha256>.recueil-station-<version>-linux-<arch>.tar.gz, as the targets metadata lists it."""
        path = repository.targets / name
        if not TARGET_NAME.fullmatch(name) or not path.is_file():
            return _not_found()
        return FileResponse(path, media_type="application/octet-stream")

    return r
