"""Unpacking a release archive without letting it write outside its folder.

Every member is checked before anything is written: no absolute path, no `..`, no device or fifo, no hard
link, and a symbolic link only to a place inside the release. The archive's top folder must be `station/`
with an executable `station/station` (the one-folder build)."""

from __future__ import annotations

import posixpath
import shutil
import tarfile
from pathlib import Path

TOP = "station"


class UnsafeArchive(Exception):
    """The archive would write outside its folder, or is not a one-folder build."""


def _check(member: tarfile.TarInfo) -> None:
    name = member.name
    if name.startswith("/") or "\\" in name:
        raise UnsafeArchive(f"absolute or odd path: {name}")
    parts = posixpath.normpath(name).split("/")
    if ".." in parts or parts[0] != TOP:
        raise UnsafeArchive(f"outside the release folder: {name}")
    if member.islnk() or member.isdev() or member.isfifo():
        raise UnsafeArchive(f"hard link or special file: {name}")
    if member.issym():
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), member.linkname))
        if member.linkname.startswith("/") or target.split("/")[0] != TOP or ".." in target.split("/"):
            raise UnsafeArchive(f"link out of the release: {name}")


def unpack(archive: Path, destination: Path) -> None:
    """Extract the release into `destination` (which must not exist), via a partial folder beside it."""
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for m in members:
                _check(m)
            tar.extractall(partial, members=members, filter="data")
        exe = partial / TOP / "station"
        if not exe.is_file() or not exe.stat().st_mode & 0o100:
            raise UnsafeArchive("no executable station/station in the archive")
        (partial / TOP).rename(destination)
    except (tarfile.TarError, OSError) as exc:
        raise UnsafeArchive(f"unreadable archive: {type(exc).__name__}") from exc
    finally:
        shutil.rmtree(partial, ignore_errors=True)
