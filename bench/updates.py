"""Signed updates: what taking a release costs a station, from the CERT's check to the switch of `current`.

`update.download_verify_install`: a station running 1.0.0 checks the reference CERT over real HTTPS with
its client certificate, refreshes and verifies the TUF metadata, downloads and verifies (length, SHA-256) a
release archive of ARCHIVE_MIB MiB (a fake one-folder build padded with random bytes, which do not compress:
the order of a packaged station), unpacks it, runs its `--version` and `self-test` and switches `current`.
Each run starts from a fresh install root and an empty update cache, so nothing is reused."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from bench._timing import Figure
from devstation.cert_service import CertService
from devstation.fake_release import install_version, make_release
from installer.pki import make_test_pki
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.updates.service import UpdateService
from sync.transport import CertClient

ARCHIVE_MIB = 32
RUNS = 5


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
        from station.context import transport_settings

        times = []
        for _ in range(RUNS):
            shutil.rmtree(tmp / "root", ignore_errors=True)
            shutil.rmtree(cfg.updates_dir, ignore_errors=True)
            install_version(tmp / "root", "1.0.0")
            client = CertClient(transport_settings(cfg))
            updates = UpdateService.for_config(cfg, client)
            start = time.perf_counter()
            assert updates.check_and_stage() == "1.1.0"
            assert updates.install_staged() is not None
            times.append((time.perf_counter() - start) * 1000)
            client.close()
        # ARCHIVE_MIB (32) MiB archive: see the docstring.
        yield ("update.download_verify_install", round(statistics.median(times), 1), "ms")
    finally:
        service.stop()
