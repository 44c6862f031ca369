"""Signed updates: what taking a release costs a station, from the CERT's check to the switch of `current`.

`update.download_verify_install`: a station running 1.0.0 checks the reference CERT over real HTTPS with
its client certificate, refreshes and verifies the TUF metadata, downloads and verifies (length, SHA-256) a
release archive of ARCHIVE_MIB MiB (a fake one-folder build padded with random bytes, which do not compress:
the order of a packaged station), unpacks it, runs its `--version` and `self-test` and switches `current`.
Each run starts from a fresh install root and an empty update cache, so nothing is reused.

`update.packaged_download_verify_install`: the same with the real packaged station (`make package`,
dist/station/, built first if missing): its archive as N+1 (the same build under the next version number,
devstation/fake_release.py `release_of_build`), downloaded, verified, unpacked, its real `--version` and
`self-test` run (Qt, OpenCV, dlib, NBIS, SQLCipher…) and `current` switched. Fewer runs: about 300 MB each."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from bench._timing import Figure
from bench.package import DIST, built
from devstation.cert_service import CertService
from devstation.fake_release import install_version, make_release, release_of_build
from installer.pki import make_test_pki
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.updates.service import UpdateService
from sync.transport import CertClient

ARCHIVE_MIB = 32
RUNS = 5
PACKAGED_RUNS = 3


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-BENCH-01", "21231")
    service = CertService(pki, tmp / "cert-data")
    service.start()
    try:
        service.updates.publish(make_release(tmp / "release", "1.1.0", padding_bytes=ARCHIVE_MIB << 20), "1.1.0")
        setup = StationSetup(station_id="DR-BENCH-01", mairie_insee="21231", mairie_name="Bench",
                             data_dir=tmp / "station", cert_url=service.url, pki=pki)
        config_path = write_station(setup, tmp / "station.toml")
        with config_path.open("a", encoding="utf-8") as f:
            f.write(f'\n[updates]\ntrusted_root = "{service.data_dir}/updates/metadata/1.root.json"\n'
                    f'install_root = "{tmp / "root"}"\n')
        cfg = config_mod.load(config_path)
        # ARCHIVE_MIB (32) MiB archive: see the docstring.
        yield ("update.download_verify_install", _median_ms(cfg, tmp, "1.0.0", "1.1.0", RUNS), "ms")
        build = tmp / "packaged" / "station"
        shutil.copytree(built("production", DIST / "station").parent, build, symlinks=True)
        service.updates.publish(release_of_build(build, "9.0.1", tmp / "packaged"), "9.0.1")
        yield ("update.packaged_download_verify_install", _median_ms(cfg, tmp, "9.0.0", "9.0.1", PACKAGED_RUNS), "ms")
    finally:
        service.stop()


def _median_ms(cfg: config_mod.Config, tmp: Path, running: str, newer: str, runs: int) -> float:
    """From the check to the switch, each run from a fresh install root running `running`."""
    from station.context import transport_settings

    times = []
    for _ in range(runs):
        shutil.rmtree(tmp / "root", ignore_errors=True)
        shutil.rmtree(cfg.updates_dir, ignore_errors=True)
        install_version(tmp / "root", running)
        client = CertClient(transport_settings(cfg))
        updates = UpdateService.for_config(cfg, client)
        start = time.perf_counter()
        assert updates.check_and_stage() == newer
        assert updates.install_staged() is not None
        times.append((time.perf_counter() - start) * 1000)
        client.close()
    return round(statistics.median(times), 1)
