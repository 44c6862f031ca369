"""`station diagnose store` (and `station diagnose`): where the store key lives, told to the technician, with
a warning when the key lies in a file beside the store."""

from __future__ import annotations

import json

from station.cli import main
from station.context import open_store
from tests.station.test_store_key import no_tpm_tcti, station_config


def diagnose(config_path, capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["--config", str(config_path), "diagnose", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def checks(report: dict) -> dict[str, dict]:
    return {c["name"]: c for c in report["checks"]}


def test_a_key_file_works_but_is_flagged_beside_the_store(pki, tmp_path, capsys):
    cfg = station_config(pki, tmp_path)  # key_provider = "file", as the installer writes for the tests
    code, [report] = diagnose(tmp_path / "station.toml", capsys, "store")
    assert code == 0 and report["device"] == "store_key" and report["implementation"] == "file"
    found = checks(report)
    assert found["key_file"]["ok"] and str(cfg.key_file) in found["key_file"]["detail"]
    warning = found["key_location"]
    assert warning["ok"] and warning["warning"]
    assert "posé à côté" in warning["detail"] and 'key_provider = "auto"' in warning["detail"]
    assert main(["--config", str(tmp_path / "station.toml"), "diagnose", "store"]) == 0
    assert "⚠ key_location : Attention : la clé de la base chiffrée" in capsys.readouterr().out


def test_the_whole_diagnosis_ends_with_the_store_key_warning(station_toml, capsys):
    code = main(["--config", str(station_toml), "diagnose", "--json"])
    reports = json.loads(capsys.readouterr().out)
    assert [r["device"] for r in reports][-1] == "store_key"
    assert checks(reports[-1])["key_location"]["warning"]
    assert code == (0 if all(r["ok"] for r in reports) else 1)


def test_auto_with_a_tpm_reports_the_tpm_and_the_sealed_key(pki, tmp_path, capsys, no_keyring, swtpm):
    cfg = station_config(pki, tmp_path, key_provider="auto", tpm_tcti=swtpm.tcti)
    code, [report] = diagnose(tmp_path / "station.toml", capsys, "store")
    assert code == 0
    assert list(checks(report)) == ["key_provider", "tpm", "seal", "sealed_key"]
    assert "puce TPM" in checks(report)["key_provider"]["detail"]
    assert "Pas encore de clé scellée" in checks(report)["sealed_key"]["detail"]
    open_store(cfg).close()
    code, [report] = diagnose(tmp_path / "station.toml", capsys, "store")
    assert code == 0 and "descellée avec succès" in checks(report)["sealed_key"]["detail"]
    assert not any(c["warning"] for c in report["checks"])


def test_auto_with_neither_says_what_is_missing(pki, tmp_path, capsys, no_keyring):
    station_config(pki, tmp_path, key_provider="auto", tpm_tcti=no_tpm_tcti())
    code, [report] = diagnose(tmp_path / "station.toml", capsys, "store")
    assert code == 1 and not report["ok"]
    found = checks(report)
    assert not found["keyring"]["ok"] and not found["tpm"]["ok"]
    assert "injoignable" in found["tpm"]["detail"]


def test_the_diagnostics_screen_shows_the_store_key_warning_too(qtbot, station):
    from station.ui.diagnostics_page import DiagnosticsPage

    page = DiagnosticsPage(station)
    qtbot.addWidget(page)
    page.run()
    qtbot.waitUntil(lambda: "store_key (file)" in page.report.toPlainText(), timeout=60_000)
    assert "⚠ key_location : Attention : la clé de la base chiffrée" in page.report.toPlainText()
