"""`station check-2ddoc` and `station twoddoc-trust`: what a technician reads for each proof of address,
the exit status a script can rely on, and a trust list installed only when it is sound."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devstation.twoddoc_maker import make_authority, make_message, page_png, tamper, trust_list_json
from enrollment.documents.twoddoc import load_trust_list
from installer.station_config import write_station
from station.cli import main
from station.commands.check_2ddoc import check_file
from tests.fixtures.station import station_setup

RECENT = date.today() - timedelta(days=10)


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture
def files(authority, tmp_path) -> dict[str, Path]:
    genuine = make_message(authority, RECENT)
    made = {
        "trust.json": trust_list_json(authority),
        "page.png": page_png(genuine),
        "code.txt": genuine.replace("\x1d", "<GS>").replace("\x1f", "<US>").encode(),
        "tampered.txt": tamper(genuine).encode("latin-1"),
        "stranger.txt": make_message(make_authority(ca_id="TS99"), RECENT).encode(),
        "old.txt": make_message(authority, date.today() - timedelta(days=400)).encode(),
        "note.txt": b"REF CLIENT 000123",
    }
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in made}


def _json(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_genuine_page_and_code_text_are_valid_with_name_and_address(files, capsys) -> None:
    code = main(["check-2ddoc", "--trust", str(files["trust.json"]), str(files["page.png"]), str(files["code.txt"])])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("2D-Doc valide") == 2
    assert "Nom : JEANNE DUPONT" in out and "Adresse : 12 RUE VICTOR HUGO, 75011 PARIS, FR" in out


def test_each_file_gets_its_verdict_in_order_and_any_refusal_exits_1(files, capsys) -> None:
    names = ["page.png", "tampered.txt", "stranger.txt", "old.txt", "note.txt"]
    code, verdicts = _json(capsys, "check-2ddoc", "--trust", str(files["trust.json"]), *(str(files[n]) for n in names))
    assert code == 1
    assert [Path(v["file"]).name for v in verdicts] == names
    assert [v["verdict"] for v in verdicts] == ["valid", "invalid_signature", "unknown_issuer", "expired", "not_2ddoc"]
    assert verdicts[1]["fields"]["holder"]["address_lines"] == ["12 RUE VICTOR HUGZ"]


def test_the_age_limit_can_be_given(files, capsys) -> None:
    code, [verdict] = _json(capsys, "check-2ddoc", "--trust", str(files["trust.json"]), "--max-age-days", "5",
                            str(files["code.txt"]))
    assert (code, verdict["verdict"], verdict["reason"]) == (1, "expired", "age")


def test_an_unreadable_file_exits_2_and_the_others_are_still_judged(files, tmp_path, capsys) -> None:
    code = main(["check-2ddoc", "--trust", str(files["trust.json"]), str(tmp_path / "absent.png"),
                 str(files["code.txt"])])
    out = capsys.readouterr().out
    assert code == 2
    assert "Fichier introuvable" in out and "2D-Doc valide" in out


def test_a_damaged_trust_list_stops_the_check_with_a_french_message(files, capsys) -> None:
    files["trust.json"].write_text("{")
    assert main(["check-2ddoc", "--trust", str(files["trust.json"]), str(files["code.txt"])]) == 2
    assert "Liste de confiance 2D-Doc refusée" in capsys.readouterr().err


@pytest.fixture
def config(pki, tmp_path) -> Path:
    devices = SimpleNamespace(port=47800, usb_backend="libusb", camera_url="0")  # not reached by these commands
    return write_station(station_setup(pki, "https://127.0.0.1:9", devices, tmp_path / "station"),
                         tmp_path / "station.toml")


def test_the_station_uses_the_embedded_list_until_a_technician_installs_one(config, files, capsys) -> None:
    assert main(["--config", str(config), "check-2ddoc", str(files["code.txt"])]) == 1
    assert "émetteur inconnu" in capsys.readouterr().out

    assert main(["--config", str(config), "twoddoc-trust", "refresh", str(files["trust.json"])]) == 0
    assert "1 autorité(s), 1 certificat(s)" in capsys.readouterr().out

    assert main(["--config", str(config), "check-2ddoc", str(files["code.txt"])]) == 0
    assert main(["--config", str(config), "twoddoc-trust", "show"]) == 0
    assert "2ddoc-trust.json" in capsys.readouterr().out


def test_a_list_whose_certificate_its_authority_did_not_sign_is_not_installed(config, files, authority, capsys) -> None:
    forged = json.loads(trust_list_json(authority))
    forged["certificates"][0]["certificate"] = json.loads(
        trust_list_json(make_authority()))["certificates"][0]["certificate"]
    files["trust.json"].write_text(json.dumps(forged))

    assert main(["--config", str(config), "twoddoc-trust", "refresh", str(files["trust.json"])]) == 1
    assert "Liste de confiance 2D-Doc refusée" in capsys.readouterr().err
    assert not (config.parent / "station" / "2ddoc-trust.json").exists()


def test_a_data_folder_that_refuses_the_list_is_reported_and_the_previous_list_stays(config, files, capsys):
    installed = config.parent / "station" / "2ddoc-trust.json"
    installed.mkdir(parents=True)  # a folder where the file should go: the rename fails
    assert main(["--config", str(config), "twoddoc-trust", "refresh", str(files["trust.json"])]) == 2
    assert "Impossible d'écrire la liste de confiance" in capsys.readouterr().err
    assert installed.is_dir() and list(installed.parent.glob("*.partial")) == []


def test_the_configured_age_limit_applies(config, files, capsys) -> None:
    config.write_text(config.read_text() + "\n[documents]\nproof_of_address_max_age_days = 5\n")
    main(["--config", str(config), "twoddoc-trust", "refresh", str(files["trust.json"])])
    capsys.readouterr()
    code, [verdict] = _json(capsys, "--config", str(config), "check-2ddoc", str(files["code.txt"]))
    assert (code, verdict["reason"]) == (1, "age")


def test_every_bad_file_gets_a_french_error_and_the_batch_goes_on(files, tmp_path, capsys) -> None:
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    (tmp_path / "cut.png").write_bytes(files["page.png"].read_bytes()[:5000])
    bad = [tmp_path / "empty.png", tmp_path / "folder", tmp_path / "cut.png"]
    code, verdicts = _json(capsys, "check-2ddoc", "--trust", str(files["trust.json"]), *map(str, bad),
                           str(files["code.txt"]))
    assert code == 2
    assert [v.get("error", {}).get("code") for v in verdicts] == [
        "image_file.empty", "image_file.directory", "image_file.damaged", None]
    assert all(v["error"]["message"] for v in verdicts[:3]) and verdicts[3]["verdict"] == "valid"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_file_content_gets_a_verdict_or_a_french_error(files, tmp_path, data) -> None:
    path = tmp_path / "any.bin"
    path.write_bytes(data)
    verdict = check_file(path, load_trust_list(files["trust.json"].read_bytes()), date.today(), 365)
    assert verdict.get("verdict") or verdict["error"]["message"]
