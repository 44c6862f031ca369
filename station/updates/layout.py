"""The installed layout of a packaged station, and the atomic switches between its versions.

    <root>/versions/<version>/station   a complete one-folder build
    <root>/current  -> versions/<version>   what the launcher runs
    <root>/previous -> versions/<version>   what a rollback goes back to
    <root>/pending-first-start.json         a version installed and not yet confirmed by its first start
    <root>/bin/station                      the launcher (exec current/station), not ours to change

Links are relative and replaced atomically (a new link, then os.replace): a power cut leaves the old
target or the new one, never none."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from sync.updates.rollout import parse_version

EXECUTABLE = "station"


@dataclass(frozen=True)
class InstallLayout:
    root: Path

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    @property
    def marker(self) -> Path:
        return self.root / "pending-first-start.json"

    def folder(self, version: str) -> Path:
        parse_version(version)  # a version names a folder: dotted numbers only, never a path
        return self.versions / version

    def _target(self, link: str) -> str | None:
        try:
            target = os.readlink(self.root / link)
        except OSError:
            return None
        name = Path(target).name
        return name if (self.versions / name).is_dir() else None

    @property
    def current(self) -> str | None:
        return self._target("current")

    @property
    def previous(self) -> str | None:
        return self._target("previous")

    def point(self, link: str, version: str) -> None:
        tmp = self.root / f".{link}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(f"versions/{version}", tmp)
        os.replace(tmp, self.root / link)

    def unlink(self, link: str) -> None:
        (self.root / link).unlink(missing_ok=True)

    def remove(self, version: str) -> None:
        shutil.rmtree(self.folder(version), ignore_errors=True)

    def installed(self) -> list[str]:
        if not self.versions.is_dir():
            return []
        names = []
        for p in self.versions.iterdir():
            try:
                parse_version(p.name)
            except ValueError:
                continue
            names.append(p.name)
        return sorted(names, key=parse_version)


def discover(configured: Path | None) -> InstallLayout | None:
    """The layout this station runs from: the configured root ([updates] install_root), else the packaged
    build's own (<root>/versions/<v>/station); None in a development checkout, which installs nothing."""
    if configured is not None:
        return InstallLayout(configured)
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).resolve()
        if exe.parent.parent.name == "versions":
            return InstallLayout(exe.parent.parent.parent)
    return None
