"""Unpacking a release archive without letting it write outside its folder.

A release is the archive `make package` builds (installer/package/build.py), the very one a technician
installs by hand: one top folder `recueil-station-<version>/` holding `station/`, the one-folder build with its
executable `station/station`, beside the installer's own files (install.sh, VERSION, the outbox's unit), which
an update does not need and leaves packed.

Every member is checked before anything is written: no absolute path, no `..`, nothing outside the top
folder, no device or fifo, no hard link, and a symbolic link only to a place inside the build."""

from __future__ import annotations

import posixpath
import re
import shutil
import tarfile
from pathlib import Path

TOP = re.compile(r"recueil-station-[A-Za-z0-9._+-]{1,64}")
BUILD = "station"
BESIDE = frozenset({"install.sh", "VERSION", "recueil-outbox.service"})  # the manual installer's files


class UnsafeArchive(Exception):
    """The archive would write outside its folder, or is not a one-folder build."""


def _in_build(member: tarfile.TarInfo, top: str) -> bool:
    """Whether `member` is part of the build (to unpack); UnsafeArchive for anything that may not be in a
    release at all."""
    name = member.name
    if name.startswith("/") or "\\" in name:
        raise UnsafeArchive(f"absolute or odd path: {name}")
    parts = posixpath.normpath(name).split("/")
    if ".." in parts or parts[0] != top:
        raise UnsafeArchive(f"outside the release folder: {name}")
    if len(parts) == 1:
        if not member.isdir():
            raise UnsafeArchive(f"the release folder is not a folder: {name}")
        return False
    if parts[1] != BUILD:
        if len(parts) == 2 and parts[1] in BESIDE and member.isfile():
            return False
        raise UnsafeArchive(f"outside the build: {name}")
    if member.islnk() or member.isdev() or member.isfifo():
        raise UnsafeArchive(f"hard link or special file: {name}")
    if member.issym():
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), member.linkname)).split("/")
        if member.linkname.startswith("/") or ".." in target or target[:2] != [top, BUILD]:
            raise UnsafeArchive(f"link out of the build: {name}")
    return True


def unpack(archive: Path, destination: Path) -> None:
    """Extract the release's build into `destination` (which must not exist), via a partial folder beside it."""
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            top = posixpath.normpath(members[0].name).split("/")[0] if members else ""
            if not TOP.fullmatch(top):
                raise UnsafeArchive(f"not a release folder: {top or 'empty archive'}")
            build = [m for m in members if _in_build(m, top)]
            tar.extractall(partial, members=build, filter="data")
        exe = partial / top / BUILD / "station"
        if not exe.is_file() or not exe.stat().st_mode & 0o100:
            raise UnsafeArchive("no executable station/station in the release")
        (partial / top / BUILD).rename(destination)
    except (tarfile.TarError, OSError) as exc:
        raise UnsafeArchive(f"unreadable archive: {type(exc).__name__}") from exc
    finally:
        shutil.rmtree(partial, ignore_errors=True)
