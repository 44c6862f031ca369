"""The verified reference lists kept on the station (<data_dir>/reference/NAME.json, the envelopes as the CERT
served them), re-verified each time they are read from disk.

A file that fails verification (edited, truncated, signed by another key) is ignored and reported: the list
in force stays the last one verified in this process, else the one the software ships. A list is replaced
only by a verified one of a higher version (the same version must be the same bytes): an old signed list
replayed, by the network or by a file copied in, never undoes a newer one."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SyncError
from .envelope import ReferenceSet, verify_envelope

log = logging.getLogger(__name__)

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class ReferenceCache:
    def __init__(self, folder: Path, trust_anchor_pem: bytes, names: tuple[str, ...]) -> None:
        self.folder = folder
        self.trust_anchor_pem = trust_anchor_pem
        self.names = names  # the lists this software reads; others the CERT may publish are left alone
        self.problems: dict[str, SyncError] = {}  # the last file or fetch refused, per list, for `status`
        # Told of a new list from the installing thread, before it is the one in force and under the lock: a
        # concurrent install of the same list returns once the listeners are done with it.
        self.listeners: list[Callable[[ReferenceSet], None]] = []
        self._current: dict[str, ReferenceSet] = {}
        self._lock = threading.RLock()
        self.reload()

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def reload(self, now: datetime | None = None) -> None:
        """Read and verify every cached list again (start-up, before a new enrollment, `station reference
        status`); a newer verified one is made the list in force, as `install` does."""
        for name in self.names:
            try:
                data = self.path(name).read_bytes()
            except FileNotFoundError:
                continue
            except OSError as exc:
                self._refused(name, SyncError.of("reference.unreadable", retryable=False, name=name), exc)
                continue
            try:
                verified = verify_envelope(data, name, self.trust_anchor_pem, now)
            except SyncError as exc:
                self._refused(name, exc, exc)
                continue
            with self._lock:
                held = self._current.get(name)
                if held is not None and verified.version <= held.version:
                    continue  # the same list (its problems, if any, still stand), or an older one
                self.problems.pop(name, None)
                if held is not None:  # installed by another process (`station reference refresh`)
                    self._tell(verified)
                self._current[name] = verified

    def _refused(self, name: str, error: SyncError, cause: BaseException) -> None:
        self.problems[name] = error
        log.warning("cached reference list refused", extra={"event": f"reference.cache_refused.{name}",
                                                            "code": error.code, "state": type(cause).__name__})

    def current(self, name: str) -> ReferenceSet | None:
        """The verified list in force, None when only the software's own values exist."""
        return self._current.get(name)

    def install(self, name: str, data: bytes, now: datetime | None = None) -> bool:
        """Verify `data` and make it the list in force; False if it is the one already held. SyncError if it
        cannot be believed or is older than the one held (rollback)."""
        if name not in self.names:
            raise SyncError.of("reference.unknown", retryable=False, name=name)
        verified = verify_envelope(data, name, self.trust_anchor_pem, now or datetime.now(UTC))
        with self._lock:
            held = self._current.get(name)
            if held is not None and held.envelope == data:
                return False
            if held is not None and verified.version <= held.version:
                raise SyncError.of("reference.rollback", retryable=False, name=name, version=verified.version,
                                   held=held.version)
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.path(name).with_suffix(".tmp")
            with open(tmp, "wb") as f:  # whole or not at all: a cut leaves the previous file in place
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path(name))
            self.problems.pop(name, None)  # before the listeners, which may report the list unusable
            self._tell(verified)
            self._current[name] = verified
        log.info("reference list installed", extra={"event": f"reference.installed.{name}",
                                                    "count": verified.version})
        return True

    def _tell(self, verified: ReferenceSet) -> None:
        for listener in list(self.listeners):
            listener(verified)
