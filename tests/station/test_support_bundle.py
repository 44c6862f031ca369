"""`station support-bundle` on a real station (hw-mocks' devices, the real CERT, SQLCipher store) that holds
a distinctive applicant's draft and a sealed dossier, and whose log was also written by someone careless:
every file of the archive is searched for the applicant's data and the station's secrets."""

from __future__ import annotations

import json
import tarfile
from datetime import date
from pathlib import Path

import pytest

from cert.lookups.seed import FEE_STAMPS
from cert.rdv_status import DEMO_TOKEN
from devstation.factories import BIRTH_PLACE, GIVEN_NAMES, STREET, SURNAME, complete_dossier
from enrollment.model import State
from station import config as config_mod
from station.cli import main
from station.commands.support_bundle import REMOVED, redact_config

BIRTH = date(1987, 11, 23)
PERSONAL = [SURNAME, SURNAME.capitalize(), GIVEN_NAMES, GIVEN_NAMES.upper(), BIRTH_PLACE, BIRTH_PLACE.upper(),
            STREET, "Quenouilles", "0612345678", "philomene@example.org", "AB12CD34EF", "1987-11-23", "23/11/1987",
            "19871123", "23111987"]


def _bundle(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


@pytest.fixture
def busy_station(station, station_toml, agent_signer, monkeypatch):
    """A draft and a sealed dossier of the same applicant, and a log line that should never have been."""
    draft = complete_dossier(birth=BIRTH)
    station.store.dossiers.save_draft(draft)
    sealed = complete_dossier(birth=BIRTH)
    sealed.fee_stamp = FEE_STAMPS["valid_86"]
    sealed.state = State.COMPLETE
    station.store.dossiers.save_draft(sealed)
    monkeypatch.setattr(station, "agent", lambda pin=None: agent_signer)
    station.seal(sealed.id)
    log = config_mod.load(station_toml).log_dir / "station.log"
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"time": "2026-12-05T10:00:00+00:00", "level": "INFO", "logger": "station.ui",
                            "message": "saved", "dossier_id": draft.id, "surname": SURNAME,
                            "state": {"birth": "1987-11-23"}}) + "\n")
        f.write(json.dumps({"time": "2026-12-05T10:00:01+00:00", "level": "INFO", "logger": "somelib",
                            "message": f"request for {SURNAME} {GIVEN_NAMES}"}) + "\n")
        f.write(f"Traceback: {SURNAME} born 23/11/1987 at {STREET}\n")
    return station


def test_the_bundle_holds_diagnostics_and_no_personal_data(busy_station, station_toml, tmp_path, capsys):
    out = tmp_path / "ticket" / "bundle.tar.gz"
    assert main(["--config", str(station_toml), "support-bundle", "--out", str(out)]) == 0
    assert "Dossier d'assistance écrit" in capsys.readouterr().out
    assert out.stat().st_mode & 0o077 == 0
    files = _bundle(out)
    names = {n.removeprefix("support/") for n in files}
    assert {"manifest.json", "diagnose.json", "config.json", "versions.json", "audit.json", "outbox.json",
            "clock.json", "logs/station.log"} <= names

    config = config_mod.load(station_toml)
    secrets = [DEMO_TOKEN, config.key_file.read_text().strip()]
    for name, data in files.items():
        text = data.decode("utf-8")
        for value in PERSONAL + secrets:
            assert value not in text, f"{value!r} in {name}"

    def doc(name: str) -> dict:
        return json.loads(files[f"support/{name}"])

    manifest = doc("manifest.json")
    assert manifest["station_id"] == "DR-21231-01" and manifest["failures"] == {}
    assert {d["device"] for d in doc("diagnose.json")["diagnoses"]} >= {"camera", "certificate", "store_key"}
    cfg = doc("config.json")
    assert cfg["cert"]["rdv_token"] == REMOVED and cfg["devices"]["smartcard_key"] == REMOVED
    assert cfg["station_id"] == "DR-21231-01" and cfg["cert"]["client_key"] == str(config.cert.client_key)
    assert doc("audit.json")["break"] is None
    outbox = doc("outbox.json")
    assert outbox["dossiers_by_state"].get("draft") == 1 and sum(outbox["dossiers_by_state"].values()) == 2
    assert doc("versions.json")["station"] and doc("versions.json")["python"]

    log = [json.loads(line) for line in files["support/logs/station.log"].decode().splitlines()]
    careless = next(r for r in log if r.get("message") == "saved")
    assert "surname" not in careless and "state" not in careless and careless["dossier_id"]
    assert any(r.get("logger") == "somelib" and r["message"] == REMOVED for r in log)
    assert log[-1] == {"support_bundle": "lines_not_copied", "count": 1}


def test_default_path_is_the_current_folder_with_station_and_time(station, station_toml, tmp_path, capsys,
                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("station.commands.support_bundle._diagnose", lambda config: 1 / 0)  # a device call broke
    assert main(["--config", str(station_toml), "support-bundle"]) == 0
    [written] = tmp_path.glob("support-DR-21231-01-*.tar.gz")
    assert str(written) in capsys.readouterr().out
    manifest = json.loads(_bundle(written)["support/manifest.json"])
    assert manifest["failures"] == {"diagnose.json": {"error": "ZeroDivisionError"}}


def test_keys_nobody_declared_safe_are_removed():
    dump = {"station_id": "DR-1", "new_secret": "s3cret", "cert": {"url": "https://user:pw@cert:8443/x?t=1",
                                                                   "api_key": "k"},
            "devices": {"camera_source": "rtsp://admin:pw@10.0.0.5/stream", "barcode_camera_source": "0"},
            "face": {"min_eye_distance": 60, "odd": "x"}}
    assert redact_config(dump) == {
        "station_id": "DR-1", "new_secret": REMOVED, "cert": {"url": "https://cert:8443/x", "api_key": REMOVED},
        "devices": {"camera_source": "rtsp://10.0.0.5/stream", "barcode_camera_source": "0"},
        "face": {"min_eye_distance": 60, "odd": REMOVED}}
