"""The lookups' shared SQLite file (`lookups.sqlite3` beside the CERT's dossiers) and reply helpers.

One file, one lock: the reference service is small, and a transaction that spans two tables (an envelope
received and the SMS it queues) must commit or roll back as one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.responses import JSONResponse
from pydantic import BaseModel

DB_NAME = "lookups.sqlite3"


class LookupDb:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(data_dir / DB_NAME, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")

    def schema(self, script: str, *columns: tuple[str, str]) -> None:
        """Create the tables, and add `columns` ((table, "name TYPE")) a file made by an older version lacks."""
        with self._lock:
            self._conn.executescript(script)
            for table, column in columns:
                held = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
                if column.split()[0] not in held:
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the lock; rolled back if the body raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


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
