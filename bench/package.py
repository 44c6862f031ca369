"""Figures of the packaged station (`make package`, installer/package/): the size of the one-folder build,
and its cold start to the login screen.

package.size: MB of dist/station/ (the production folder, what a mairie installs).
package.cold_start_to_login: as station.cold_start_to_login (bench/station.py, bench/cold_start.py) but with
the frozen station: from the process's start to the login screen painted offscreen, median of a few starts.
The probe that watches the paint is a hidden command of the DEMO VARIANT (dist/station-demo/, `station
login-probe`, devstation/packaged_demo.py): the same frozen station and bootloader, plus the probe; the
production build carries no such hook.

A missing build is built first (installer/package/build.py, about a minute per variant on two cores); an
existing one is measured as it is: run `make package package-demo` after changing the station."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench._station_services import station_services
from bench._timing import Figure
from bench.station import median_of
from devstation.cert_service import REPO_ROOT

BUILD = REPO_ROOT / "installer" / "package" / "build.py"
DIST = REPO_ROOT / "dist"


def built(variant: str, folder: Path) -> Path:
    executable = folder / "station"
    if not executable.is_file():
        subprocess.run([sys.executable, str(BUILD), "--variant", variant, "--no-archive"], cwd=REPO_ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    return executable


def size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6, 1)


def cold_start(probe: Path, config_path: Path, cwd: Path, runs: int = 5) -> Figure:
    # The station's environment, not the checkout's: the frozen station ignores them, but say so plainly.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def once() -> float:
        started = time.time()
        out = subprocess.run([str(probe), "login-probe", str(config_path)], check=True, capture_output=True,
                             text=True, cwd=cwd, env=env).stdout
        return (float(out.strip().splitlines()[-1]) - started) * 1000

    return "package.cold_start_to_login", median_of(once, runs), "ms"


def figures(tmp: Path) -> Iterator[Figure]:
    yield "package.size", size_mb(built("production", DIST / "station").parent), "MB"
    probe = built("demo", DIST / "station-demo")
    with station_services(tmp) as station:
        yield cold_start(probe, station.config, tmp)
