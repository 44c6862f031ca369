"""Stations that update from the test CERT over real HTTPS: each its own id, client certificate, data
folder and packaged install root running version 1.0.0, trusting the CERT's update root.json."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from devstation.cert_service import CertService
from devstation.fake_release import install_version
from installer.pki import PkiPaths, issue_station
from station import cli
from station import config as config_mod
from station.updates.layout import InstallLayout

RUNNING = "1.0.0"


@dataclass(frozen=True)
class UpdatingStation:
    station_id: str
    config_path: Path

    @property
    def config(self) -> config_mod.Config:
        return config_mod.load(self.config_path)

    @property
    def layout(self) -> InstallLayout:
        return InstallLayout(self.config_path.parent / "root")

    def command(self, action: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        """`station update ACTION` as the technician types it (in-process); exit code and all it printed."""
        code = cli.main(["--config", str(self.config_path), "update", action])
        out = capsys.readouterr()
        return code, out.out + out.err


@pytest.fixture
def make_updating_station(pki: PkiPaths, cert_service: CertService, tmp_path: Path
                          ) -> Callable[[str], UpdatingStation]:
    def make(station_id: str) -> UpdatingStation:
        home = tmp_path / station_id
        home.mkdir()
        issue_station(pki, f"station-{station_id}", station_id, "21231", "Mairie de Dijon")
        install_version(home / "root", RUNNING)
        trusted = home / "update-root.json"
        shutil.copyfile(cert_service.data_dir / "updates" / "metadata" / "1.root.json", trusted)
        config = home / "station.toml"
        config.write_text(f"""station_id = "{station_id}"
mairie_insee = "21231"
data_dir = "{home / 'data'}"

[cert]
url = "{cert_service.url}"
trust_anchor = "{pki.pem('cert-ca')}"
client_cert = "{pki.pem(f'station-{station_id}')}"
client_key = "{pki.key(f'station-{station_id}')}"
encryption_cert = "{pki.pem('cert-encryption')}"

[auth]
agent_ca = "{pki.pem('agent-ca')}"

[updates]
trusted_root = "{trusted}"
install_root = "{home / 'root'}"
self_test_timeout_s = 30
""", encoding="utf-8")
        return UpdatingStation(station_id, config)

    return make
