"""A technician's newer COG files: installed whole when they are INSEE's and complete, refused in French
otherwise with the list in use kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from enrollment.civil.cog_import import install
from enrollment.civil.communes import CommuneIndex
from enrollment.civil.reference import EMBEDDED, CogError, load, shared

from .cog_files import write_cog


@pytest.fixture(scope="module")
def cog_2025(tmp_path_factory) -> Path:
    return write_cog(tmp_path_factory.mktemp("cog") / "2025", shared(), 2025, {"01999": "Nouvelle-Commune-Test"})


def test_newer_files_are_installed_and_preferred_to_the_shipped_list(cog_2025, tmp_path):
    target = tmp_path / "communes" / "cog.csv.gz"
    installed = install([cog_2025], target, "test")
    assert installed.year == 2025 and target.is_file()
    index = CommuneIndex(load(target))
    assert index.commune("01999").name == "Nouvelle-Commune-Test"
    assert index.search("Saint-Bois")[0].status == "ancienne commune, fusionnée dans Arboys en Bugey en 2016"
    assert load(None).year == 2024  # without it, the shipped list


def test_files_named_one_by_one_work_as_well_as_their_folder(cog_2025, tmp_path):
    target = tmp_path / "cog.csv.gz"
    assert install(sorted(cog_2025.iterdir()), target, "test").year == 2025


def _refused(paths: list[Path], target: Path) -> CogError:
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(CogError) as refused:
        install(paths, target, "test")
    assert (target.read_bytes() if target.exists() else None) == before  # the list in use is kept
    return refused.value


@pytest.fixture
def installed(cog_2025, tmp_path) -> Path:
    target = tmp_path / "cog.csv.gz"
    install([cog_2025], target, "test")
    return target


def test_a_file_with_other_columns_is_refused(cog_2025, installed, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in cog_2025.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    (bad / "v_commune_2025.csv").write_text("CODE;NOM\n01001;Abergement\n", encoding="utf-8")
    error = _refused([bad], installed)
    assert error.message.startswith("Le fichier v_commune_2025.csv n'est pas un fichier du Code officiel")


def test_a_truncated_file_is_refused(cog_2025, installed, tmp_path):
    short = tmp_path / "short"
    short.mkdir()
    for f in cog_2025.iterdir():
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        (short / f.name).write_text("".join(lines[:1000] if "v_commune" in f.name else lines), encoding="utf-8")
    assert "ne compte que 999 lignes : il est incomplet" in _refused([short], installed).message


def test_a_missing_file_or_a_spreadsheet_export_is_refused(cog_2025, installed, tmp_path):
    files = sorted(cog_2025.iterdir())
    assert "Il manque le fichier des pays et territoires" in _refused(
        [f for f in files if "pays" not in f.name], installed).message
    latin = tmp_path / "v_commune_2025.csv"
    latin.write_bytes((cog_2025 / "v_commune_2025.csv").read_text(encoding="utf-8").encode("latin-1", "replace"))
    assert "n'est pas en UTF-8" in _refused([f for f in files if "v_commune_" not in f.name] + [latin],
                                            installed).message


def test_a_malformed_code_is_refused(cog_2025, installed, tmp_path):
    bad = tmp_path / "v_commune_2025.csv"
    text = (cog_2025 / "v_commune_2025.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace(",01001,", ",1001,", 1), encoding="utf-8")
    files = [f for f in cog_2025.iterdir() if f.name != bad.name] + [bad]
    assert "contient une valeur invalide (1001)" in _refused(files, installed).message


def test_older_files_than_the_list_in_use_are_refused(tmp_path):
    old = write_cog(tmp_path / "2023", shared(), 2023)
    target = tmp_path / "cog.csv.gz"
    assert _refused([old], target).message.startswith("Ces fichiers sont du Code officiel géographique 2023")


def test_a_damaged_installed_list_falls_back_to_the_shipped_one(tmp_path):
    damaged = tmp_path / "cog.csv.gz"
    damaged.write_bytes(gzip.compress(b"not a list")[:10])
    assert load(damaged).year == load(EMBEDDED).year
