"""The packaged station (`make package`, installer/package/): the one-folder build starts from a folder
that is not the source tree, with no virtualenv and no PYTHONPATH, carries its native parts (`station
self-test`), installs with install.sh into the layout the updates rely on, and plays the scripted offscreen
enrollment of the demo against a CERT and simulated devices started from the source tree.

The builds are session fixtures and are skipped when the folder's executable is newer than every source
file it is made of (build_or_reuse below), so a second run of these tests costs no build. The demo runs in
the DEMO VARIANT (`make package-demo`, dist/station-demo/): the same frozen station plus the scripted demo
(devstation/packaged_demo.py) that drives its window in-process; the production folder carries no
devstation/ (the spec refuses it, and a test below checks)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstation.cert_service import REPO_ROOT
from devstation.demo import station_services
from devstation.fake_release import release_of_build
from devstation.services import TOOLS_PYTHON_VAR
from enrollment.model import State

# A test's timeout covers its fixtures' set-up: the first test of each folder waits for its build (about a
# minute each on two cores, more on a loaded machine), the demo test for the demo besides.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1800)]

BUILD = REPO_ROOT / "installer" / "package" / "build.py"
DIST = REPO_ROOT / "dist"
# What each folder is made of: the station's packages, the build's own files and the locked environment;
# the demo variant adds the harness the scripted demo imports.
PRODUCTION_SOURCES = ("station", "devices", "enrollment", "sync", "installer/package", "pyproject.toml", "uv.lock")
DEMO_SOURCES = (*PRODUCTION_SOURCES, "devstation", "cert", "hw_mocks", "installer")
DEV_ONLY = ("devstation", "tests", "bench", "cert", "hw_mocks")


def _newest_source(sources: tuple[str, ...]) -> float:
    newest = 0.0
    for name in sources:
        path = REPO_ROOT / name
        files = [path] if path.is_file() else [
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def build_or_reuse(variant: str, folder: Path, sources: tuple[str, ...], *extra: str) -> Path:
    """The folder's executable, built unless it is newer than every source file of the build."""
    executable = folder / "station"
    if executable.is_file() and executable.stat().st_mtime > _newest_source(sources):
        return executable
    subprocess.run([sys.executable, str(BUILD), "--variant", variant, *extra], cwd=REPO_ROOT, check=True,
                   timeout=1800)
    return executable


def outside_env(home: Path, **extra: str) -> dict[str, str]:
    """A station's environment with nothing of the checkout: no virtualenv, no PYTHONPATH, a system PATH."""
    return {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", **extra}


@pytest.fixture(scope="session")
def packaged_station() -> Path:
    """dist/station/station, and the archive beside it (rebuilt with the folder)."""
    executable = build_or_reuse("production", DIST / "station", PRODUCTION_SOURCES)
    archives = list(DIST.glob("recueil-station-*-linux-*.tar.gz"))
    if not archives or max(p.stat().st_mtime for p in archives) < executable.stat().st_mtime:
        subprocess.run([sys.executable, str(BUILD), "--archive-only"], cwd=REPO_ROOT, check=True, timeout=1800)
    return executable


@pytest.fixture(scope="session")
def packaged_demo_station() -> Path:
    return build_or_reuse("demo", DIST / "station-demo", DEMO_SOURCES)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    yield folder


def run_packaged(executable: Path, *args: str, cwd: Path, env: dict[str, str],
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def test_the_packaged_station_starts_from_any_folder(packaged_station, elsewhere) -> None:
    done = run_packaged(packaged_station, "--help", cwd=elsewhere, env=outside_env(elsewhere))
    assert done.returncode == 0, done.stderr
    for command in ("self-test", "provision", "check-config", "outbox", "diagnose"):
        assert command in done.stdout
    said = run_packaged(packaged_station, "--version", cwd=elsewhere, env=outside_env(elsewhere))
    # The updater compares this last word with a release's signed version before it switches to it.
    assert said.returncode == 0 and said.stdout.split()[-1] == tomllib.loads(
        (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"], said.stdout + said.stderr


def test_the_packaged_station_carries_its_native_parts(packaged_station, elsewhere) -> None:
    done = run_packaged(packaged_station, "self-test", cwd=elsewhere, env=outside_env(elsewhere))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len([line for line in lines if line.startswith("OK ")]) == 8, done.stdout
    assert "ÉCHEC" not in done.stdout
    assert lines[-1].startswith("Auto-test réussi")


def test_the_production_folder_holds_no_development_code(packaged_station) -> None:
    internal = packaged_station.parent / "_internal"
    assert not [name for name in DEV_ONLY if (internal / name).exists()]
    # The modules themselves are in the archive PyInstaller appends to the executable: no development
    # module is named in it, while the station's are.
    archive = packaged_station.read_bytes()
    assert b"station.commands.self_test" in archive
    for name in ("devstation.demo", "hw_mocks.cli", "cert.app", "bench.cold_start", "tests.conftest"):
        assert name.encode() not in archive


def test_the_packaged_station_decodes_a_wsq_print_in_its_spawned_child(packaged_station, elsewhere) -> None:
    # An untrusted WSQ file is decoded in a child process spawned from the frozen executable
    # (enrollment/fingerprint/wsq_isolated.py): the entry point's freeze_support() lets it start.
    import wsq  # noqa: F401  (registers the WSQ format with Pillow)
    from PIL import Image

    finger = elsewhere / "finger.wsq"
    Image.open(REPO_ROOT.parent / "shared" / "data" / "fingers" / "fvc2002db1b_101_1.png").convert("L").save(finger)
    done = run_packaged(packaged_station, "finger-quality", str(finger), cwd=elsewhere, env=outside_env(elsewhere))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "qualité NFIQ 2" in done.stdout and "acceptée" in done.stdout


@pytest.mark.parametrize("command", [["check-config"], []], ids=["check-config", "window"])
def test_a_first_start_without_configuration_says_what_to_do(packaged_station, elsewhere, command) -> None:
    # HOME is an empty folder: no ~/.config/recueil/station.toml.
    done = run_packaged(packaged_station, *command, cwd=elsewhere, env=outside_env(elsewhere))
    assert done.returncode == 2
    assert "introuvable" in done.stderr
    assert "station provision" in done.stderr and "station check-config" in done.stderr


def test_install_sh_lays_out_versions_current_and_the_launcher(packaged_station, tmp_path, elsewhere) -> None:
    archive = max(DIST.glob("recueil-station-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    version = (unpacked / "VERSION").read_text().strip()
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(["sh", str(unpacked / "install.sh")], cwd=elsewhere, env=outside_env(home),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "station provision" in done.stdout
    root = home / ".local" / "opt" / "recueil"
    assert os.readlink(root / "current") == f"versions/{version}"
    assert (root / "versions" / version / "station").is_file()
    unit = (home / ".config" / "systemd" / "user" / "recueil-outbox.service").read_text()
    assert f"ExecStart={root}/bin/station outbox run" in unit
    # The launcher runs the current version from anywhere.
    launched = run_packaged(root / "bin" / "station", "--help", cwd=elsewhere, env=outside_env(home))
    assert launched.returncode == 0 and "self-test" in launched.stdout


def test_the_packaged_station_plays_the_offscreen_demo(packaged_demo_station, tmp_path, elsewhere,
                                                       monkeypatch) -> None:
    # station_services points this process's PC/SC at the demo's private pcscd: restored after the test.
    monkeypatch.setenv("PCSCLITE_CSOCK_NAME", os.environ.get("PCSCLITE_CSOCK_NAME", ""))
    workdir = tmp_path / "demo"
    with station_services(workdir) as (config, sim_port):
        env = outside_env(elsewhere, PCSCLITE_CSOCK_NAME=os.environ["PCSCLITE_CSOCK_NAME"],
                          **{TOOLS_PYTHON_VAR: sys.executable})
        done = run_packaged(packaged_demo_station, "demo-scripted", "--config", str(config),
                            "--sim-port", str(sim_port), "--cert-data", str(workdir / "cert-data"),
                            "--printed", str(workdir / "printed"), "--screens", str(tmp_path / "screens"),
                            cwd=elsewhere, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    dossiers = [line for line in done.stdout.splitlines() if f"({State.PURGED.value})" in line]
    assert len(dossiers) == 2, done.stdout  # the couplée application: a passport and an identity card
    assert "remis" in done.stdout.splitlines()[-1]
    assert (tmp_path / "screens" / "15-poste-verrouille.png").is_file()


def _next_version(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def test_the_packaged_station_updates_itself_then_rolls_back_a_version_broken_on_this_machine(
        packaged_station, pki, cert_service, tmp_path, elsewhere) -> None:
    from installer.station_config import StationSetup, write_station

    archive = max(DIST.glob("recueil-station-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    running = (unpacked / "VERSION").read_text().strip()
    newer = _next_version(running)
    home = tmp_path / "home"
    home.mkdir()
    installed = subprocess.run(["sh", str(unpacked / "install.sh"), "--no-service"], cwd=elsewhere,
                               env=outside_env(home), capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    root = home / ".local" / "opt" / "recueil"

    # The CERT publishes N+1 (signed, TUF); the station trusts the repository's root from provisioning.
    cert_service.updates.publish(release_of_build(unpacked / "station", newer, tmp_path), newer)
    trusted = tmp_path / "update-root.json"
    trusted.write_bytes((cert_service.updates.metadata / "1.root.json").read_bytes())
    config = write_station(StationSetup(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie de Dijon",
                                        data_dir=tmp_path / "data", cert_url=cert_service.url, pki=pki),
                           tmp_path / "station.toml")
    with config.open("a", encoding="utf-8") as f:  # no install_root: the station finds its own layout
        f.write(f'\n[updates]\ntrusted_root = "{trusted}"\nself_test_timeout_s = 300\n')

    def station(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        return run_packaged(root / "bin" / "station", "--config", str(config), *args, cwd=elsewhere,
                            env=outside_env(home), timeout=timeout)

    checked = station("update", "check")
    assert checked.returncode == 0 and newer in checked.stdout and "prête" in checked.stdout, checked.stderr
    done = station("update", "install")  # unpacked, its real self-test run, then switched to
    assert done.returncode == 0 and f"{newer} est installée" in done.stdout, done.stdout + done.stderr
    assert os.readlink(root / "current") == f"versions/{newer}"
    assert station("--version").stdout.split()[-1] == newer

    # The new version's first real start: a file it needs has gone on this machine (a disk fault, an
    # antivirus), so its start-up self-test fails and the previous version is put back and started.
    (root / "versions" / newer / "_internal" / "face_recognition_models" / "models" /
     "shape_predictor_68_face_landmarks.dat").unlink()
    window = subprocess.Popen([str(root / "bin" / "station"), "--config", str(config)], cwd=elsewhere,
                              env=outside_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while os.readlink(root / "current") != f"versions/{running}" and time.monotonic() < deadline:
            assert window.poll() is None or os.readlink(root / "current") == f"versions/{running}"
            time.sleep(0.5)
    finally:
        window.terminate()
        window.wait(timeout=30)
    assert os.readlink(root / "current") == f"versions/{running}"
    assert not (root / "versions" / newer).exists()
    assert station("--version").stdout.split()[-1] == running
    status = station("update", "status")
    assert f"Version en service : {running}" in status.stdout, status.stdout + status.stderr
