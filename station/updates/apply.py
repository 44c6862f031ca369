"""Installing a verified release, confirming it at its first start, rolling it back.

The contract a release honours (the fake releases of tests/station/updates follow it):
    versions/<v>/station --version     prints the version, last on its line, and exits 0
    versions/<v>/station self-test     exits 0 when this build works on this machine, 1 when it does not

Install: unpack into versions/<v>, run the new build's `--version` and `self-test` as child processes with a
timeout, and only if both pass point `previous` at the running version and `current` at the new one, then
write the pending-first-start marker. A failing self-test removes the new folder: the old version runs on.

First start (`confirm_first_start`, called by the window's start-up before anything else): when the marker
names the running version, its self-test runs once more on the real machine; it passes, the marker goes and
the install is confirmed; it fails, or the marker shows an earlier start of this version that never
confirmed (a crash), `current` goes back to `previous`, the broken folder is removed, and the caller starts
the previous version again."""

from __future__ import annotations

import json
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sync.updates.rollout import parse_version

from .layout import EXECUTABLE, InstallLayout
from .unpack import UnsafeArchive, unpack

log = logging.getLogger(__name__)

SELF_TEST_TIMEOUT_S = 120.0
# A second start of a version that never confirmed its first: it crashed before its self-test could run.
MAX_UNCONFIRMED_STARTS = 2


class InstallRefused(Exception):
    """The release was not installed; `code` says why (refused codes of station/strings/updates.py)."""

    def __init__(self, code: str, version: str) -> None:
        super().__init__(code)
        self.code = code
        self.version = version


@dataclass(frozen=True)
class Installed:
    version: str
    previous: str | None


def run_self_test(folder: Path, version: str, timeout_s: float = SELF_TEST_TIMEOUT_S) -> bool:
    """The build in `folder` says it is `version` and its self-test passes, each within the timeout."""
    exe = folder / EXECUTABLE
    try:
        said = subprocess.run([str(exe), "--version"], cwd=folder, capture_output=True, text=True,
                              timeout=timeout_s, check=False)
        if said.returncode != 0 or not said.stdout.split() or said.stdout.split()[-1] != version:
            log.warning("update version mismatch", extra={"event": "update.self_test", "code": "version"})
            return False
        done = subprocess.run([str(exe), "self-test"], cwd=folder, capture_output=True, timeout=timeout_s,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("update self-test did not run", extra={"event": "update.self_test", "code": type(exc).__name__})
        return False
    log.info("update self-test", extra={"event": "update.self_test", "status": done.returncode})
    return done.returncode == 0


def install(layout: InstallLayout, archive: Path, version: str, timeout_s: float = SELF_TEST_TIMEOUT_S) -> Installed:
    running = layout.current
    if running is not None and parse_version(version) <= parse_version(running):
        raise InstallRefused("update.refused.downgrade", version)
    folder = layout.folder(version)
    layout.remove(version)  # what a cut install left
    layout.versions.mkdir(parents=True, exist_ok=True)
    try:
        unpack(archive, folder)
    except UnsafeArchive as exc:
        log.warning("update archive unsafe", extra={"event": "update.unpack", "code": str(exc)[:80]})
        raise InstallRefused("update.refused.unsafe", version) from exc
    if not run_self_test(folder, version, timeout_s):
        layout.remove(version)
        raise InstallRefused("update.refused.self_test", version)
    if running is not None:
        layout.point("previous", running)
    _write_marker(layout, {"version": version, "previous": running, "starts": 0})
    layout.point("current", version)
    for old in layout.installed():  # keep the new one and the one to roll back to
        if old not in (version, running):
            layout.remove(old)
    return Installed(version, running)


def rollback(layout: InstallLayout) -> str:
    """Point `current` back at `previous`, remove the version left, and return the version running again."""
    back, failed = layout.previous, layout.current
    if back is None:
        raise InstallRefused("update.refused.no_previous", failed or "-")
    layout.point("current", back)
    layout.unlink("previous")
    layout.marker.unlink(missing_ok=True)
    if failed is not None and failed != back:
        layout.remove(failed)
    return back


def _write_marker(layout: InstallLayout, data: dict[str, object]) -> None:
    tmp = layout.marker.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(layout.marker)


def pending(layout: InstallLayout) -> dict[str, object] | None:
    try:
        data = json.loads(layout.marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def confirm_first_start(layout: InstallLayout, timeout_s: float = SELF_TEST_TIMEOUT_S) -> tuple[str, str] | None:
    """At start-up: ("installed", version) once a new version passed its first start's self-test,
    ("rolled_back", version running again) after a rollback, None when no install was pending."""
    marker = pending(layout)
    running = layout.current
    if marker is None or running is None:
        return None
    if marker.get("version") != running:  # a technician switched back by hand: nothing to confirm
        layout.marker.unlink(missing_ok=True)
        return None
    starts = int(marker.get("starts", 0)) + 1  # type: ignore[call-overload]
    _write_marker(layout, {**marker, "starts": starts})
    if starts >= MAX_UNCONFIRMED_STARTS or not run_self_test(layout.folder(running), running, timeout_s):
        log.warning("update rolled back at first start", extra={"event": "update.rollback", "code": running})
        return "rolled_back", rollback(layout)
    layout.marker.unlink(missing_ok=True)
    return "installed", running
