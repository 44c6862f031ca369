"""Where the store key lives: the OS keyring, else the TPM 2.0 (a private swtpm here), a file only
when the configuration says so; with neither keyring nor TPM the store refuses to open, in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from devstation.factories import SURNAME, complete_dossier
from devstation.swtpm import free_port_pair
from enrollment.errors import StoreError
from enrollment.store import KeyringKeyProvider
from installer.pki import PkiPaths
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.config import Config
from station.context import open_store
from station.store_key import TpmKeyProvider, key_provider


def station_config(pki: PkiPaths, tmp_path: Path, **overrides: object) -> Config:
    values: dict = dict(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie de Dijon",
                        data_dir=tmp_path / "data", cert_url="https://127.0.0.1:8443", pki=pki)
    values.update(overrides)
    return config_mod.load(write_station(StationSetup(**values), tmp_path / "station.toml"))


def no_tpm_tcti() -> str:
    return f"swtpm:host=127.0.0.1,port={free_port_pair()}"  # nothing listens there


def key_files(cfg: Config) -> list[str]:
    return sorted(p.name for p in cfg.data_dir.iterdir() if p.name.startswith("store"))


def test_auto_takes_a_usable_keyring(pki, tmp_path, memory_keyring):
    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=no_tpm_tcti())
    assert isinstance(key_provider(cfg), KeyringKeyProvider)
    store = open_store(cfg)
    draft = complete_dossier()
    store.dossiers.save_draft(draft)
    store.close()
    assert list(memory_keyring.entries) == [(KeyringKeyProvider.SERVICE, "DR-21231-01")]
    assert key_files(cfg) == []  # neither a key file nor a sealed key
    assert open_store(cfg).dossiers.load(draft.id).civil.surname == SURNAME


def test_auto_without_keyring_seals_the_key_with_the_tpm_and_unseals_it_after_a_restart(
    pki, tmp_path, no_keyring, swtpm
):
    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=swtpm.tcti)
    store = open_store(cfg)
    draft = complete_dossier()
    store.dossiers.save_draft(draft)
    store.close()
    sealed = cfg.data_dir / "store-key.sealed"
    assert key_files(cfg) == ["store-key.sealed"]  # no store.key
    assert sealed.stat().st_mode & 0o777 == 0o600
    swtpm.restart()  # a power cycle: same TPM state, nothing loaded
    provider = key_provider(cfg)
    assert isinstance(provider, TpmKeyProvider)
    key = provider.get_key()
    assert key not in sealed.read_bytes() and key.hex().encode() not in sealed.read_bytes()
    assert open_store(cfg).dossiers.load(draft.id).civil.surname == SURNAME


def test_auto_with_neither_keyring_nor_tpm_refuses_in_french_and_writes_no_key(pki, tmp_path, no_keyring):
    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=no_tpm_tcti())
    with pytest.raises(StoreError) as err:
        open_store(cfg)
    assert err.value.code == "store.no_key_provider"
    assert "ni trousseau du système utilisable, ni puce TPM" in err.value.message
    assert "[store] tpm_tcti" in err.value.message and 'key_provider = "file"' in err.value.message
    assert key_files(cfg) == []
    assert not cfg.store_path.exists()


def test_explicit_file_provider_keeps_the_key_beside_the_store(pki, tmp_path, no_keyring):
    cfg = station_config(pki, tmp_path)  # the installer's default for the demo and the tests: "file"
    assert cfg.store.key_provider == "file"
    store = open_store(cfg)
    store.dossiers.save_draft(complete_dossier())
    store.close()
    assert key_files(cfg) == ["store.key"]


def test_a_key_sealed_by_another_tpm_is_refused_clearly(pki, tmp_path, no_keyring, make_swtpm):
    first, other = make_swtpm("first"), make_swtpm("other")
    cfg = station_config(pki, tmp_path, key_provider="tpm", tpm_tcti=first.tcti)
    open_store(cfg).close()
    sealed = (cfg.data_dir / "store-key.sealed").read_bytes()
    moved = station_config(pki, tmp_path, key_provider="tpm", tpm_tcti=other.tcti)  # the disk in another PC
    with pytest.raises(StoreError) as err:
        open_store(moved)
    assert err.value.code == "tpm.foreign_blob"
    assert "autre puce TPM" in err.value.message and "Ne supprimez rien" in err.value.message
    assert (cfg.data_dir / "store-key.sealed").read_bytes() == sealed  # kept for the original machine


def test_a_store_whose_sealed_key_is_gone_gets_no_new_key(pki, tmp_path, no_keyring, swtpm):
    cfg = station_config(pki, tmp_path, key_provider="tpm", tpm_tcti=swtpm.tcti)
    open_store(cfg).close()
    (cfg.data_dir / "store-key.sealed").unlink()
    with pytest.raises(StoreError) as err:
        open_store(cfg)
    assert err.value.code == "store.sealed_key_missing"
    assert key_files(cfg) == []  # a new key would have orphaned the store


def test_a_damaged_sealed_key_is_named(pki, tmp_path, no_keyring, swtpm):
    cfg = station_config(pki, tmp_path, key_provider="tpm", tpm_tcti=swtpm.tcti)
    open_store(cfg).close()
    sealed = cfg.data_dir / "store-key.sealed"
    sealed.write_bytes(sealed.read_bytes()[:40])
    with pytest.raises(StoreError) as err:
        open_store(cfg)
    assert err.value.code == "tpm.bad_blob"
    assert "endommagé" in err.value.message


def test_a_sealed_store_stays_with_the_tpm_when_a_keyring_appears(pki, tmp_path, no_keyring, swtpm,
                                                                  memory_keyring):
    # memory_keyring, set up after no_keyring, is the keyring in effect: it "appears" after the sealing.
    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=swtpm.tcti)
    provider = TpmKeyProvider(swtpm.tcti, cfg.data_dir / "store-key.sealed", cfg.store_path)
    key = provider.get_key()
    assert isinstance(key_provider(cfg), TpmKeyProvider)
    assert key_provider(cfg).get_key() == key
    assert memory_keyring.entries == {}


def test_two_first_starts_agree_on_one_key(pki, tmp_path, no_keyring, swtpm, monkeypatch):
    from station import store_key

    cfg = station_config(pki, tmp_path, key_provider="tpm", tpm_tcti=swtpm.tcti)
    sealed = cfg.data_dir / "store-key.sealed"
    first, second = (TpmKeyProvider(swtpm.tcti, sealed, cfg.store_path) for _ in range(2))
    original = store_key._write_private
    won: dict[str, bytes] = {}

    def first_seals_meanwhile(path: Path, data: bytes) -> None:
        monkeypatch.setattr(store_key, "_write_private", original)
        won["key"] = first.get_key()
        original(path, data)

    monkeypatch.setattr(store_key, "_write_private", first_seals_meanwhile)
    assert second.get_key() == won["key"]
    assert key_files(cfg) == ["store-key.sealed"]  # no temporary file left behind


def test_the_station_does_not_start_without_a_key_keeper_and_says_why(pki, tmp_path, no_keyring, qapp, capsys):
    from station.cli import main

    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=no_tpm_tcti())
    assert main(["--config", str(tmp_path / "station.toml")]) == 2
    assert "ni trousseau du système utilisable, ni puce TPM" in capsys.readouterr().err
    log = (cfg.log_dir / "station.log").read_text()
    assert '"code": "store.no_key_provider"' in log
    assert key_files(cfg) == [] and not cfg.store_path.exists()
