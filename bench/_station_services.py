"""The services a benchmarked station runs against (a CERT, a private pcscd, the simulated hardware) and its
configuration file, for the families that start a whole station (bench/station.py, bench/package.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench._pcsc import PCSCD_FOLDER
from devstation.cert_service import CertService
from devstation.pcsc import READER
from devstation.simulated_devices import HwMocks
from hw_mocks.smartcard.pcscd import PrivatePcscd, free_vpcd_port
from installer.pki import PkiPaths, make_test_pki
from installer.station_config import StationSetup, write_station


@dataclass(frozen=True)
class BenchStation:
    config: Path
    pki: PkiPaths
    mocks: HwMocks


@contextmanager
def station_services(tmp: Path) -> Iterator[BenchStation]:
    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231", "Mairie de Dijon")
    cert = CertService(pki, tmp / "cert-data")
    cert.start()
    pcscd = PrivatePcscd(PCSCD_FOLDER, free_vpcd_port())
    pcscd.start()
    mocks = HwMocks(pki_dir=pki.root, vpcd_port=pcscd.vpcd_port)
    try:
        setup = StationSetup(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie de Dijon",
                             data_dir=tmp / "station", cert_url=cert.url, pki=pki, simulator_port=mocks.port,
                             smartcard_reader=READER)
        yield BenchStation(write_station(setup, tmp / "station.toml"), pki, mocks)
    finally:
        mocks.stop()
        pcscd.stop()
        cert.stop()
