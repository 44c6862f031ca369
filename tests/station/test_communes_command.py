"""`station communes search|refresh` as a technician runs it: the station's configuration, INSEE's files
from a folder, French output; a refused set leaves the list in use as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enrollment.civil.reference import shared
from installer.pki import PkiPaths
from installer.station_config import StationSetup, write_station
from station.cli import main
from tests.enrollment.civil.cog_files import write_cog
from tests.fixtures.pki import STATION_ID


@pytest.fixture
def station_toml(pki: PkiPaths, tmp_path: Path) -> Path:
    setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                         data_dir=tmp_path / "station", cert_url="https://127.0.0.1:9", pki=pki)
    return write_station(setup, tmp_path / "station.toml")


def run(toml: Path, *argv: str) -> int:
    return main(["--config", str(toml), "communes", *argv])


def test_search_shows_homonyms_with_their_departement_and_the_list_in_use(station_toml, capsys):
    assert run(station_toml, "search", "Saint-Martin", "(Gers)") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Liste en service : Code officiel géographique 2024 (livrée avec le poste)."
    assert out[1] == "32389  Saint-Martin (32)"


def test_search_at_a_date_of_birth_gives_the_code_of_that_day_as_json(station_toml, capsys):
    assert run(station_toml, "search", "saint bois", "--on", "01/05/1960", "--json") == 0
    first = json.loads(capsys.readouterr().out)["results"][0]
    assert (first["insee"], first["end"]) == ("01340", "2016-01-01")
    assert first["status"] == "ancienne commune, fusionnée dans Arboys en Bugey en 2016"


def test_search_of_a_country_and_of_nothing(station_toml, capsys):
    assert run(station_toml, "search", "--countries", "Allemagne") == 0
    assert capsys.readouterr().out.splitlines()[1] == "99109  Allemagne (DEU)"
    assert run(station_toml, "search", "Zzzyx") == 1
    assert "Aucune réponse pour « Zzzyx »." in capsys.readouterr().out
    assert run(station_toml, "search", "Paris", "--on", "31/02/1960") == 2
    assert "Date invalide (31/02/1960)" in capsys.readouterr().out


def test_refresh_installs_newer_files_which_the_search_then_uses(station_toml, tmp_path, capsys):
    folder = write_cog(tmp_path / "insee", shared(), 2025, {"01999": "Nouvelle-Commune-Test"})
    assert run(station_toml, "refresh", str(folder)) == 0
    assert "Code officiel géographique 2025" in capsys.readouterr().out
    assert run(station_toml, "search", "nouvelle commune test", "--json") == 0
    found = json.loads(capsys.readouterr().out)
    assert found["cog_year"] == 2025 and found["results"][0]["insee"] == "01999"
    assert "v_commune_2025.csv" in found["source"]


def test_refresh_with_a_malformed_file_is_refused_in_french_and_the_list_kept(station_toml, tmp_path, capsys):
    bad = tmp_path / "v_commune_2025.csv"
    bad.write_text("nom;code\nParis;75056\n", encoding="utf-8")
    assert run(station_toml, "refresh", str(bad)) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Le fichier v_commune_2025.csv n'est pas un fichier du Code officiel géographique")
    assert out[1] == ("Rien n'a été installé : la liste en service reste celle du Code officiel géographique "
                      "2024.")
    assert not (tmp_path / "station" / "communes").exists()
