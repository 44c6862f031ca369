"""One SQLite file of the reference CERT, opened once: a single connection serialised by a lock, in WAL
mode so that `cert-server` commands may read (and write) while the service runs.

The service is small and a lock makes "read, decide, write" atomic without relying on SQLite's busy
retries between the service's own threads; `busy_timeout_ms` covers another process (the CLI) writing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SqliteFile:
    def __init__(self, path: Path, busy_timeout_ms: int = 0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        if busy_timeout_ms:
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")

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

    def read_one(self, sql: str, params: tuple = ()) -> tuple | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def close(self) -> None:
        with self._lock:
            self._conn.close()
