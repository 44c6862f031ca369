"""The CERT's half-received packages: one file of bytes and one small JSON sidecar per chunked upload.

A station that loses its connection mid-upload comes back and continues from what the CERT holds, so what
the CERT holds must survive a crash of its own: each chunk is fsync'd before the CERT answers for it, and
the offset is the length of the data file. The sidecar (announced size and digest) is written once, at
creation, so a chunk costs one fsync, not three (bench: transmission.upload_throughput_loopback). A crash in
mid-write can at worst leave a short chunk (the station resends from the shorter offset) or, on a file
system that exposes unwritten blocks, wrong bytes: the commit's digest check then refuses them and the
partial is dropped, so the station starts over; no wrong package can become a dossier.

Files are named from a hash of station and idempotency key: the key never appears on disk, and two
stations using the same key (a fault, or an attack) get two unrelated uploads. Partials untouched for
`STALE_AFTER` are removed when the service starts (a station that never came back).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

UPLOADS_DIR = "uploads"
# A station retries with backoff capped at minutes (docs/cert-api.md); a week covers a mairie closed for a
# long weekend plus a network outage, and bounds what an abandoned upload keeps on disk.
STALE_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Partial:
    size: int  # announced size of the whole package
    sha256: str  # announced digest of the whole package
    offset: int  # bytes received and durable, from the start (the data file's length)


class PartialStore:
    """Partials under `<data_dir>/uploads/`. Callers hold `locked(name)` around every read-modify-write."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / UPLOADS_DIR
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, list[int]]] = {}

    @staticmethod
    def name(station_id: str, key: str) -> str:
        return hashlib.sha256(f"{station_id}\n{key}".encode()).hexdigest()

    @contextmanager
    def locked(self, name: str) -> Iterator[None]:
        """One lock per upload, dropped when nobody holds or waits for it (so the table stays small)."""
        with self._guard:
            lock, users = self._locks.setdefault(name, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                users[0] -= 1
                if users[0] == 0:
                    del self._locks[name]

    def _data(self, name: str) -> Path:
        return self.root / f"{name}.part"

    def _meta(self, name: str) -> Path:
        return self.root / f"{name}.json"

    def get(self, name: str) -> Partial | None:
        try:
            raw = json.loads(self._meta(name).read_text(encoding="utf-8"))
            size, sha256 = int(raw["size"]), str(raw["sha256"])
            held = self._data(name).stat().st_size
        except FileNotFoundError:
            self.discard(name)  # a sidecar without data or the reverse: a creation cut short
            return None
        except (ValueError, KeyError, TypeError):
            self.discard(name)  # an unreadable sidecar: nothing says what the bytes are, start again
            return None
        return Partial(size, sha256, min(held, size))

    def held_by(self, station_id: str) -> tuple[int, int]:
        """(uploads open, bytes announced) for `station_id`: what its upload quota counts."""
        count = held = 0
        for meta in self.root.glob("*.json"):
            try:
                raw = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # removed meanwhile, or unreadable: get() drops it when its upload comes back
            if isinstance(raw, dict) and raw.get("station") == station_id:
                count, held = count + 1, held + int(raw.get("size", 0))
        return count, held

    def create(self, name: str, size: int, sha256: str, station_id: str = "") -> Partial:
        """The data file first, then the sidecar that makes the upload exist (written aside, renamed).
        The sidecar names the station, which the upload quota counts by (the file name is a hash)."""
        with self._data(name).open("wb") as f:
            os.fsync(f.fileno())
        tmp = self._meta(name).with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump({"size": size, "sha256": sha256, "station": station_id}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self._meta(name))
        dir_fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the new names themselves must survive a crash
        finally:
            os.close(dir_fd)
        return Partial(size, sha256, 0)

    def append(self, name: str, partial: Partial, data: bytes) -> Partial:
        """Write `data` at the partial's offset and fsync before it counts; a failed write is undone."""
        with self._data(name).open("r+b") as f:
            try:
                f.seek(partial.offset)
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            except OSError:
                f.truncate(partial.offset)  # disk full in mid-chunk: hold exactly what was counted
                raise
        return replace(partial, offset=partial.offset + len(data))

    def read(self, name: str, partial: Partial) -> bytes:
        with self._data(name).open("rb") as f:
            return f.read(partial.offset)

    def discard(self, name: str) -> None:
        for path in (self._meta(name), self._data(name), self._meta(name).with_suffix(".tmp")):
            path.unlink(missing_ok=True)

    def remove_stale(self, max_age: timedelta = STALE_AFTER) -> int:
        """Remove the uploads (data, sidecar, leftovers of an interrupted creation) whose newest file is
        older than `max_age`; returns how many uploads went."""
        limit = time.time() - max_age.total_seconds()
        newest: dict[str, float] = {}
        for path in self.root.iterdir():
            try:
                newest[path.stem] = max(newest.get(path.stem, 0.0), path.stat().st_mtime)
            except FileNotFoundError:
                continue
        stale = [name for name, mtime in newest.items() if mtime < limit]
        for name in stale:
            self.discard(name)
        return len(stale)
