"""One station's updates: check the CERT, stage a verified release, install it, roll it back.

Used by the background worker the window drives (station/updates/worker.py) and by `station update`.
Its state (last check, the release staged, the last refusal) is a small JSON file in the station's data
folder, so the command and the window see the same thing."""

from __future__ import annotations

import json
import logging
import os
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from enrollment.audit import AuditEvent

from . import events
from .apply import Installed, InstallRefused, install, pending, rollback
from .layout import InstallLayout, discover

if TYPE_CHECKING:
    from sync.transport import CertClient
    from sync.updates.client import CheckResult, UpdateClient

    from ..config import Config

log = logging.getLogger(__name__)

STATE = "state.json"


@dataclass
class UpdateState:
    last_check: str | None = None
    staged_version: str | None = None
    staged_path: str | None = None
    refusals: list[dict[str, str]] = field(default_factory=list)  # {"version", "code"}: the last check's
    last_error: str | None = None  # a SyncError code of the last check
    start_outcome: list[str] | None = None  # ["confirmed" | "rolled_back", version]: this start's, for the window


def running_version(layout: InstallLayout | None) -> str:
    if layout is not None and layout.current is not None:
        return layout.current
    from ..version import software_version

    return software_version()


def machine_arch() -> str:
    return platform.machine().lower() or "x86_64"


class UpdateService:
    def __init__(self, folder: Path, client: UpdateClient, layout: InstallLayout | None,
                 self_test_timeout_s: float, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.folder = folder
        self.client = client
        self.layout = layout
        self.self_test_timeout_s = self_test_timeout_s
        self.clock = clock

    @classmethod
    def for_config(cls, config: Config, client: CertClient) -> UpdateService:
        from sync.updates.client import UpdateClient, UpdatePaths

        paths = UpdatePaths(config.updates_dir, config.trusted_root)
        return cls(config.updates_dir, UpdateClient(client, config.station_id, paths, machine_arch()),
                   discover(config.updates.install_root), config.updates.self_test_timeout_s)

    @property
    def running(self) -> str:
        return running_version(self.layout)

    def state(self) -> UpdateState:
        try:
            return UpdateState(**json.loads((self.folder / STATE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return UpdateState()

    def _save(self, state: UpdateState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.folder / f".{STATE}.tmp"
        tmp.write_text(json.dumps(asdict(state)), encoding="utf-8")
        tmp.replace(self.folder / STATE)

    def check(self) -> CheckResult:
        """Refresh the signed metadata (SyncError when refused or unreachable), note what was refused."""
        from sync.errors import SyncError

        state = self.state()
        state.last_check = self.clock().isoformat(timespec="seconds")
        try:
            result = self.client.check(self.running)
        except SyncError as exc:
            state.last_error = exc.code
            self._save(state)
            raise
        state.last_error = None
        state.refusals = [{"version": r.version, "code": r.code} for r in result.refusals]
        self._save(state)
        return result

    def check_and_stage(self) -> str | None:
        """Check, and download the release offered to this station (verified); returns its version once it
        is staged, None when there is nothing new. SyncError when the CERT or the files are refused."""
        from sync.errors import SyncError

        result = self.check()
        if result.offer is None:
            return None
        state = self.state()
        if state.staged_version == result.offer.version and state.staged_path and Path(state.staged_path).is_file():
            return state.staged_version
        try:
            path = self.client.download(result.offer)
        except SyncError as exc:
            state.last_error = exc.code
            self._save(state)
            raise
        state.staged_version, state.staged_path = result.offer.version, str(path)
        self._save(state)
        log.info("update staged", extra={"event": "update.staged", "code": result.offer.version})
        return result.offer.version

    def install_staged(self) -> Installed | None:
        """Install the staged release (InstallRefused when it cannot be, after noting it for the trail)."""
        state = self.state()
        if state.staged_version is None or not state.staged_path:
            return None
        version = state.staged_version
        if self.layout is None:
            raise InstallRefused("update.refused.not_packaged", version)
        try:
            done = install(self.layout, Path(state.staged_path), version, self.self_test_timeout_s)
        except InstallRefused as exc:
            events.note(self.folder, AuditEvent.UPDATE_REFUSED, version, exc.code.rsplit(".", 1)[-1])
            self._unstage()
            raise
        self._unstage()
        log.info("update installed", extra={"event": "update.installed", "code": version})
        return done

    def _unstage(self) -> None:
        state = self.state()
        state.staged_version = state.staged_path = None
        self._save(state)
        self.client.discard_staged()

    def rollback(self) -> str:
        if self.layout is None:
            raise InstallRefused("update.refused.not_packaged", self.running)
        back = rollback(self.layout)
        events.note(self.folder, AuditEvent.UPDATE_ROLLED_BACK, back)
        note_last_update(self.folder / events.LAST_UPDATE, back)
        return back

    def take_start_outcome(self) -> tuple[str, str] | None:
        state = self.state()
        outcome, state.start_outcome = state.start_outcome, None
        if outcome is None:
            return None
        self._save(state)
        return outcome[0], outcome[1]

    def note_start_outcome(self, kind: str, version: str) -> None:
        state = self.state()
        state.start_outcome = [kind, version]
        self._save(state)

    def status_lines(self) -> list[str]:
        """In French, for `station update status` and the diagnostics page: the version running, the one kept
        for a rollback, the one staged, the last check and what it refused."""
        from sync.strings import message as sync_message

        from ..strings import message

        state = self.state()
        lines = [message("update.status.running", version=self.running)]
        if self.layout is not None and self.layout.previous:
            lines.append(message("update.status.previous", version=self.layout.previous))
        if self.pending_first_start():
            lines.append(message("update.status.pending", version=self.pending_first_start()))
        if state.staged_version:
            lines.append(message("update.status.staged", version=state.staged_version))
        if state.last_check:
            lines.append(message("update.status.last_check", at=state.last_check))
        if state.last_error:
            lines.append(sync_message(state.last_error, path=""))
        lines += [sync_message(r["code"], version=r["version"]) for r in state.refusals]
        return lines

    def pending_first_start(self) -> str | None:
        marker = pending(self.layout) if self.layout is not None else None
        return str(marker.get("version")) if marker else None


def note_last_update(path: Path, version: str, at: datetime | None = None) -> None:
    """The version now running after an install or a rollback, and when: what the heartbeat reports as the
    station's last update (station/fleet.py reads it). Written whole: temp file, then renamed."""
    at = at or datetime.now(UTC)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"version": version, "at": at.isoformat()}), encoding="utf-8")
    os.replace(partial, path)


def confirm_at_start(config: Config) -> tuple[str, str] | None:
    """The window's first act at start-up (station/cli.py): confirm or roll back a version just installed
    (station/updates/apply.py), noting the outcome for the audit trail."""
    from .apply import confirm_first_start

    layout = discover(config.updates.install_root)
    if layout is None:
        return None
    outcome = confirm_first_start(layout, config.updates.self_test_timeout_s)
    if outcome is not None:
        kind, version = outcome
        event = AuditEvent.UPDATE_INSTALLED if kind == "installed" else AuditEvent.UPDATE_ROLLED_BACK
        events.note(config.updates_dir, event, version)
        note_last_update(config.last_update_path, version)
        service = UpdateService(config.updates_dir, None, layout, config.updates.self_test_timeout_s)  # type: ignore[arg-type]
        service.note_start_outcome("confirmed" if kind == "installed" else "rolled_back", version)
    return outcome
