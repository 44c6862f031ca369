"""Fake station releases for the update tests and benchmarks: the contract of a real build, nothing else.

A release archive `recueil-station-<version>-linux-<arch>.tar.gz` has the shape `make package` gives it
(`recueil-station-<version>/station/`, the build, beside a VERSION file); the build's `station` is a sh script
that answers `--version` (prints "station <version>") and `self-test` (exits with the number in the file
`selftest-rc` beside it: 0 passes, 1 fails; a test flips it to make a later self-test fail). `padding_bytes`
adds a file of random bytes, for an archive of a realistic size (random: it does not compress)."""

from __future__ import annotations

import os
import platform
import tarfile
from pathlib import Path

SCRIPT = """#!/bin/sh
here=$(dirname "$0")
case "$1" in
  --version) echo "station {version}" ;;
  self-test) exit "$(cat "$here/selftest-rc" 2>/dev/null || echo 1)" ;;
  *) exit 0 ;;
esac
"""


def write_build(folder: Path, version: str, self_test_rc: int = 0, padding_bytes: int = 0) -> Path:
    """A one-folder build in `folder` (created): the executable `station` and its files."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "station"
    exe.write_text(SCRIPT.format(version=version), encoding="utf-8")
    exe.chmod(0o755)
    (folder / "selftest-rc").write_text(str(self_test_rc), encoding="utf-8")
    if padding_bytes:
        with (folder / "payload.bin").open("wb") as f:
            left = padding_bytes
            while left:
                chunk = min(left, 1 << 20)
                f.write(os.urandom(chunk))
                left -= chunk
    return folder


def make_release(out_dir: Path, version: str, self_test_rc: int = 0, padding_bytes: int = 0,
                 arch: str | None = None) -> Path:
    """The release archive in `out_dir`, as the packaging publishes it."""
    build = write_build(out_dir / f"build-{version}" / "station", version, self_test_rc, padding_bytes)
    arch = arch or platform.machine().lower()
    archive = out_dir / f"recueil-station-{version}-linux-{arch}.tar.gz"
    (build.parent / "VERSION").write_text(version + "\n", encoding="utf-8")
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        tar.add(build.parent, arcname=f"recueil-station-{version}", recursive=False)
        tar.add(build, arcname=f"recueil-station-{version}/station")
        tar.add(build.parent / "VERSION", arcname=f"recueil-station-{version}/VERSION")
    return archive


def install_version(root: Path, version: str, self_test_rc: int = 0) -> None:
    """A packaged station's install root running `version`: versions/<version>/ and `current` at it."""
    write_build(root / "versions" / version, version, self_test_rc)
    (root / "current").unlink(missing_ok=True)
    (root / "current").symlink_to(f"versions/{version}")


def release_of_build(build: Path, version: str, out: Path) -> Path:
    """A release of a real one-folder build (`build`, changed in place) that says it is `version`: its
    distribution's metadata rewritten (what `station --version` reads), archived as `make package` does. The
    same code under a new number: what an update's mechanics need of a version N+1."""
    internal = build / "_internal"
    (old,) = internal.glob("recueil-*.dist-info")
    metadata = old / "METADATA"
    lines = [f"Version: {version}" if line.startswith("Version: ") else line
             for line in metadata.read_text(encoding="utf-8").splitlines()]
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    old.rename(internal / f"recueil-{version}.dist-info")
    archive = out / f"recueil-station-{version}-linux-{platform.machine().lower()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        tar.add(build, arcname=f"recueil-station-{version}/station")
    return archive
