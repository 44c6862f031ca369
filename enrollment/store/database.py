"""The SQLCipher file: opened with the station key, WAL journal, no plaintext temp files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from ..errors import StoreError
from ..strings import message
from .schema import SCHEMA, SCHEMA_VERSION

Connection = sqlcipher3.Connection
BUSY_TIMEOUT_S = 30  # how long a write waits for the other connection's transaction


class Database:
    """One connection shared by the GUI and the outbox worker, serialised by a lock: a station has one
    agent and one sender, and a single writer keeps every transaction simple to reason about."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_S)
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            # Fails here, not later, when the key is wrong or the file is not ours.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreError("store.locked", message("store.locked")) from exc
        # Sort and temp tables stay in memory: a temp file would hold decrypted pages.
        conn.execute("PRAGMA temp_store = MEMORY")
        # Deleted rows are overwritten, so purged data leaves no trace in free pages.
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a transaction the agent saw committed survives a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executescript(SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        self._conn = conn
        path.chmod(0o600)
        # A station killed between a deletion (sealing, purge, discarded draft) and its checkpoint left the
        # deleted data in the WAL's earlier frames: fold them away before any work starts. Without waiting:
        # when another process holds the store open (`station outbox` beside the window), its own next
        # checkpoint does it, and a technician's command must not hang on the busy timeout meanwhile.
        conn.execute("PRAGMA busy_timeout = 0")
        self.checkpoint()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._lock:
            yield self._conn

    def checkpoint(self) -> None:
        """Fold the WAL into the main file and empty it, so purged pages do not linger in the WAL."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
