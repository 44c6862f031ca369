"""Builds the one-folder station (`make package`) and its installable archive; `--variant demo` builds the
test-only demo variant (`make package-demo`).

    python installer/package/build.py [--variant production|demo] [--no-archive]

Production: dist/station/ (the executable dist/station/station) and
dist/recueil-station-<version>-linux-<arch>.tar.gz, which holds recueil-station-<version>/station/ (the
folder), install.sh and recueil-outbox.service. Demo: dist/station-demo/, the same station plus
`station demo-scripted` (devstation/packaged_demo.py), never archived nor installed.

A plain script, not a module of the `installer` package: it runs PyInstaller and tar, and imports nothing
of the station."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SPEC = HERE / "station.spec"
DIST = ROOT / "dist"
FOLDERS = {"production": "station", "demo": "station-demo"}
# What a production build may not carry (the spec excludes them; this checks the result on disk too).
DEV_ONLY = ("devstation", "tests", "bench", "cert", "hw_mocks")


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def arch() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine().lower())


def build(variant: str) -> Path:
    """Run PyInstaller on the spec; its work folder (build/<variant>/) is kept, so a rebuild after a small
    change reuses the analysis of the unchanged modules."""
    env = {**os.environ, "RECUEIL_PACKAGE_VARIANT": variant}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / variant), str(SPEC)],
                   check=True, cwd=ROOT, env=env)
    folder = DIST / FOLDERS[variant]
    if variant == "production":
        check_production(folder)
    print(f"built {folder} in {time.monotonic() - started:.0f} s ({size_mb(folder):.0f} MB)")
    return folder


def check_production(folder: Path) -> None:
    """No development package in the folder's files (datas) — the spec already refused their modules."""
    internal = folder / "_internal"
    found = [p for p in DEV_ONLY if (internal / p).exists()]
    if found:
        raise SystemExit(f"the production build carries {', '.join(found)}")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def archive(folder: Path) -> Path:
    """dist/recueil-station-<version>-linux-<arch>.tar.gz: the folder, install.sh and the outbox's user unit."""
    name = f"recueil-station-{version()}"
    out = DIST / f"{name}-linux-{arch()}.tar.gz"
    tmp = out.with_suffix(".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=f"{name}/station")
        tar.add(HERE / "install.sh", arcname=f"{name}/install.sh")
        tar.add(HERE / "recueil-outbox.service", arcname=f"{name}/recueil-outbox.service")
        version_file = DIST / "VERSION"
        version_file.write_text(version() + "\n")
        tar.add(version_file, arcname=f"{name}/VERSION")
        version_file.unlink()
    tmp.replace(out)
    print(f"archive {out} ({out.stat().st_size / 1e6:.0f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="build the one-folder Recueil station")
    p.add_argument("--variant", choices=sorted(FOLDERS), default="production")
    p.add_argument("--no-archive", action="store_true", help="the folder only")
    p.add_argument("--archive-only", action="store_true", help="archive the folder already built")
    args = p.parse_args(argv)
    if not sys.platform.startswith("linux"):
        raise SystemExit("build.py builds the Linux package; on Windows run installer/package/windows/build.ps1")
    folder = DIST / FOLDERS[args.variant] if args.archive_only else build(args.variant)
    if args.variant == "production" and not args.no_archive:
        archive(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
