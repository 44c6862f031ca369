"""The installer writes the configuration from the station's model: what it writes loads back into the same
values, and what it leaves to the model is the model's default, not a copy of it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from installer.pki import PkiPaths
from installer.station_config import SHOWN, StationSetup, model_default, render, settings, write_station
from station import config as config_mod


def _setup(pki: PkiPaths, tmp_path: Path, **overrides: object) -> StationSetup:
    values: dict = dict(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie d'Œ \"Sud\"",
                        data_dir=tmp_path / "data", cert_url="https://127.0.0.1:8443", pki=pki)
    values.update(overrides)
    return StationSetup(**values)


def _loaded(config: config_mod.Config, section: str, key: str) -> object:
    return getattr(config if not section else getattr(config, section), key)


def test_what_the_installer_sets_loads_back_unchanged(pki: PkiPaths, tmp_path: Path) -> None:
    setup = _setup(pki, tmp_path, simulator_port=47999, smartcard_reader="Virtual PCD 00 00",
                   usb_backend="sim://127.0.0.1:4000", camera_source="http://127.0.0.1:5/camera.mjpg",
                   key_provider="tpm", tpm_tcti="swtpm:host=127.0.0.1,port=2321", draft_retention_days=7,
                   inactivity_timeout_s=120, crl_grace_hours=3, outbox_base_delay_s=0.5, outbox_max_delay_s=9.0,
                   outbox_alert_after_minutes=15, outbox_receipt_retention_days=60,
                   reference_required=("rules", "communes", "twoddoc-trust"))
    config = config_mod.load(write_station(setup, tmp_path / "station.toml"))
    top, sections = settings(setup)
    assert {k: _loaded(config, "", k) for k in top} == top
    for section, table in sections.items():
        assert {k: _loaded(config, section, k) for k in table} == table, section
    assert config.mairie_name == "Mairie d'Œ \"Sud\""


def test_what_the_installer_leaves_out_is_the_models_default(pki: PkiPaths, tmp_path: Path) -> None:
    path = write_station(_setup(pki, tmp_path), tmp_path / "station.toml")
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    config = config_mod.load(path)
    for section, keys in SHOWN.items():
        for key in keys:
            assert written[section][key] == model_default(section, key) == _loaded(config, section, key)
    assert "tpm_tcti" not in written["store"]  # not set: the model's device, not a copy of it
    assert config.store.tpm_tcti == model_default("store", "tpm_tcti")
    assert written["store"]["key_provider"] == "file"  # the installer's own choice for demos and tests


def test_a_key_the_model_does_not_have_is_refused_at_writing(pki: PkiPaths, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="fax"):
        render(_setup(pki, tmp_path, devices={"fax": "usb"}))
    with pytest.raises(KeyError, match="nonsense"):
        model_default("outbox", "nonsense")
