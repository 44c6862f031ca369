"""The window's update thread: checks the CERT every `[updates] check_hours` (and when asked), downloads
and verifies off the GUI thread, and installs the staged release only when the window says it is idle.

The window (station/ui/main_window.py) hears what happened through `listener(kind, version, detail)`,
called on this thread (the window re-emits it as a Qt signal): kind is "ready", "installed" or "refused"
(detail: the refusal code). A failed check is logged and retried at the next period: the agent is not told
of a network outage, only the technician's `station update status` shows it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .apply import InstallRefused
from .service import UpdateService

log = logging.getLogger(__name__)

Listener = Callable[[str, str, str], None]


class UpdateWorker:
    def __init__(self, service: UpdateService, check_interval_s: float, listener: Listener,
                 first_check_delay_s: float = 120.0) -> None:
        self.service = service
        self.check_interval_s = check_interval_s
        self.listener = listener
        self.first_check_delay_s = first_check_delay_s  # the station's start-up first, the CERT after
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._install = threading.Event()
        self._thread: threading.Thread | None = None
        self.staged: str | None = service.state().staged_version

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="updates", daemon=True)
        self._thread.start()

    def check_now(self) -> None:
        self._wake.set()

    def idle(self) -> None:
        """The window has no dossier nor hand-over open: install the staged release now, if there is one."""
        if self.staged is not None:
            self._install.set()
            self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        delay = self.first_check_delay_s
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                return
            if self._install.is_set():
                self._install.clear()
                self.install()
                continue
            self.check()
            delay = self.check_interval_s

    def check(self) -> None:
        from sync.errors import SyncError

        try:
            version = self.service.check_and_stage()
        except SyncError as exc:
            log.warning("update check failed", extra={"event": "update.check", "code": exc.code})
            return
        if version is not None and version != self.staged:
            self.staged = version
            self.listener("ready", version, "")

    def install(self) -> None:
        version = self.staged
        if version is None:
            return
        self.staged = None
        try:
            done = self.service.install_staged()
        except InstallRefused as exc:
            self.listener("refused", exc.version, exc.code)
            return
        if done is not None:
            self.listener("installed", done.version, "")
