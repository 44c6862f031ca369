"""The lookups' shared SQLite file (`lookups.sqlite3` beside the CERT's dossiers) and reply helpers.

One file, one lock: the reference service is small, and a transaction that spans two tables (an envelope
received and the SMS it queues) must commit or roll back as one.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..sqlite_file import SqliteFile

DB_NAME = "lookups.sqlite3"


class LookupDb(SqliteFile):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir / DB_NAME, busy_timeout_ms=5000)  # `cert-server title produce` writes too
        self.data_dir = data_dir


class ErrorBody(BaseModel):
    error: str
    detail: str


def error(status: int, code: str, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail, **extra}, status_code=status)


def documented(ok: type[BaseModel], *errors: int) -> dict:
    """The `responses=` of a route: its 200 model and the error statuses it may answer (OpenAPI only)."""
    return {200: {"model": ok}, **{status: {"model": ErrorBody} for status in errors}}


def json_body(model: type[BaseModel]) -> dict:
    """`openapi_extra` declaring a JSON request body that the handler parses itself, so that a bad body
    gets our 400 {"error","detail"} rather than FastAPI's 422."""
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": model.model_json_schema()}}}}
