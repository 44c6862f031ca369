from pathlib import Path

import pytest

from installer.pki import PkiPaths
from installer.station_config import StationSetup, render, write_station
from station import config as config_mod
from station.errors import ConfigError


def setup_for(pki: PkiPaths, tmp_path: Path) -> StationSetup:
    return StationSetup(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie de Dijon",
                        data_dir=tmp_path / "data", cert_url="https://127.0.0.1:8443", pki=pki)


def test_written_configuration_loads_and_creates_a_private_key_file(pki, tmp_path):
    path = write_station(setup_for(pki, tmp_path), tmp_path / "station.toml")
    cfg = config_mod.load(path)
    assert cfg.station_id == "DR-21231-01"
    assert cfg.cert.trust_anchor == pki.pem("cert-ca")
    assert (cfg.key_file.stat().st_mode & 0o777) == 0o600
    assert (cfg.devices.camera, cfg.devices.camera_source, cfg.devices.camera_fps) == ("opencv", "0", 15.0)


def test_location_comes_from_cli_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(config_mod.ENV_VAR, str(tmp_path / "env.toml"))
    assert config_mod.resolve_path("cli.toml") == Path("cli.toml")
    assert config_mod.resolve_path(None) == tmp_path / "env.toml"
    monkeypatch.delenv(config_mod.ENV_VAR)
    assert config_mod.resolve_path(None).name == "station.toml"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("mairie_insee = \"21231\"", "mairie_insee = \"2123\""), "mairie_insee"),
        (("url = \"https://", "url = \"http://"), "cert.url"),
        (("camera = \"opencv\"", "camera = \"webcam-magique\""), "devices.camera"),
        (("camera_source = \"0\"", "camera_source = \"0\"\ncamera_fps = 0"), "devices.camera_fps"),
        (("station_id = \"DR-21231-01\"", "station_id = \"\""), "station_id"),
        (("key_provider = \"file\"", "key_provider = \"fichier\""), "store.key_provider"),
        (("key_provider = \"file\"", "key_provider = \"tpm\"\ntpm_tcti = \"\""), "store.tpm_tcti"),
    ],
)
def test_invalid_values_are_named_in_the_error(pki, tmp_path, change, field):
    text = render(setup_for(pki, tmp_path)).replace(*change)
    path = tmp_path / "station.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        config_mod.load(path)
    assert err.value.code == "config.invalid"
    assert field in err.value.message


def test_missing_file_syntax_error_and_missing_certificates(pki, tmp_path):
    with pytest.raises(ConfigError) as err:
        config_mod.load(tmp_path / "absent.toml")
    assert err.value.code == "config.missing"
    bad = tmp_path / "bad.toml"
    bad.write_text("station_id = \n")
    with pytest.raises(ConfigError) as err:
        config_mod.load(bad)
    assert err.value.code == "config.syntax"
    text = render(setup_for(pki, tmp_path)).replace(str(pki.pem("agent-ca")), str(tmp_path / "nope.pem"))
    bad.write_text(text)
    with pytest.raises(ConfigError) as err:
        config_mod.load(bad)
    assert err.value.code == "config.files" and "auth.agent_ca" in err.value.message


def test_unknown_key_is_refused_rather_than_ignored(pki, tmp_path):
    path = tmp_path / "station.toml"
    path.write_text(render(setup_for(pki, tmp_path)) + "\n[outbox2]\nx = 1\n")
    with pytest.raises(ConfigError) as err:
        config_mod.load(path)
    assert "outbox2" in err.value.message


def test_station_command_reports_a_bad_configuration_and_exits_2(tmp_path, capsys):
    from station.cli import main

    assert main(["--config", str(tmp_path / "absent.toml"), "check-config"]) == 2
    assert "introuvable" in capsys.readouterr().err


def test_face_limits_can_be_tuned_but_not_misnamed(pki, tmp_path):
    path = tmp_path / "station.toml"
    path.write_text(render(setup_for(pki, tmp_path)) + "\n[face]\npupille_magique = 8.0\n")
    with pytest.raises(ConfigError) as err:
        config_mod.load(path)
    assert "face" in err.value.message
    from dataclasses import fields

    from enrollment.face.thresholds import FaceThresholds
    name = fields(FaceThresholds)[0].name
    path.write_text(render(setup_for(pki, tmp_path)) + f"\n[face]\n{name} = 1.0\n")
    assert config_mod.load(path).face == {name: 1.0}


def test_store_key_settings_default_to_the_kernel_tpm_and_the_data_dir(pki, tmp_path):
    text = render(setup_for(pki, tmp_path)).replace('key_provider = "file"', 'key_provider = "auto"')
    path = tmp_path / "station.toml"
    path.write_text(text)
    cfg = config_mod.load(path)
    assert (cfg.store.key_provider, cfg.store.tpm_tcti, cfg.store.sealed_key) == ("auto", "device:/dev/tpmrm0", None)
    path.write_text(text.replace('key_provider = "auto"', 'key_provider = "tpm"\nsealed_key = "keys/sealed"'))
    assert config_mod.load(path).store.sealed_key == tmp_path / "keys" / "sealed"
