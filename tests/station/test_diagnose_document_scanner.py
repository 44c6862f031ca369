"""`station diagnose document_scanner`: the scanner checked through the configuration, the registry and the
SANE driver (libsane → escl → hw-mocks' network scanner), as a technician runs it."""

from __future__ import annotations

import json

from devstation.services import free_port
from station.cli import main


def diagnose(path, capsys) -> tuple[int, dict]:
    code = main(["--config", str(path), "diagnose", "document_scanner", "--json"])
    [report] = json.loads(capsys.readouterr().out)
    return code, report


def test_the_scanner_is_opened_described_and_a_test_scan_timed(make_station, tmp_path, capsys):
    make_station()
    code, report = diagnose(tmp_path / "station.toml", capsys)
    assert code == 0 and report["implementation"] == "sane", report
    device, scan = report["checks"]
    assert device["ok"] and "sources Flatbed, ADF" in device["detail"]
    assert scan["ok"] and "à 300 dpi" in scan["detail"]


def test_a_scanner_that_does_not_answer_fails_in_french(make_station, tmp_path, capsys):
    make_station(document_scanner_device=f"escl:http://127.0.0.1:{free_port()}")
    code, report = diagnose(tmp_path / "station.toml", capsys)
    assert code == 1 and not report["ok"]
    assert "Le scanner de documents" in report["checks"][0]["detail"]
