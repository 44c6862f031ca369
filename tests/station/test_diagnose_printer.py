"""`station diagnose printer`: the print system and the station's queue checked through the configuration,
the registry and pycups (the tests' private cupsd, hw-mocks' network printer), as a technician runs it."""

from __future__ import annotations

import json

import cups

from station.cli import main


def diagnose(path, capsys) -> tuple[int, dict]:
    code = main(["--config", str(path), "diagnose", "printer", "--json"])
    [report] = json.loads(capsys.readouterr().out)
    return code, report


def test_the_queue_is_found_ready_and_nothing_is_printed(make_station, hw_mocks, tmp_path, capsys):
    make_station()
    code, report = diagnose(tmp_path / "station.toml", capsys)
    assert code == 0 and report["implementation"] == "cups", report
    service, queue = report["checks"]
    assert hw_mocks.printer_queue in service["detail"] and "prête" in queue["detail"]
    assert hw_mocks.printed == []


def test_a_paused_queue_fails_with_what_to_do_in_french(make_station, hw_mocks, tmp_path, capsys):
    make_station()
    cups.Connection(host=str(hw_mocks.cupsd.socket_path)).disablePrinter(hw_mocks.printer_queue)
    code, report = diagnose(tmp_path / "station.toml", capsys)
    assert code == 1 and "suspendue" in report["checks"][1]["detail"]


def test_a_station_without_a_printer_says_so(make_station, tmp_path, capsys):
    make_station(devices={"printer": "none"})
    code, report = diagnose(tmp_path / "station.toml", capsys)
    assert code == 1 and report["implementation"] == "none"
    assert "Aucune imprimante" in json.dumps(report, ensure_ascii=False)
