"""The diagnostics page's table: every device in one status model (ready, busy, not ready, not registered),
usable or not, and why, whatever its kind or interface."""

from __future__ import annotations

import json

from station.cli import main as station_main
from station.ui.diagnostics_page import DiagnosticsPage


def _row(page: DiagnosticsPage, kind: str) -> tuple[str, str, str]:
    return page.status_of(kind)


def test_the_table_says_which_device_is_usable_and_why_not(qtbot, make_station, hw_mocks):
    station = make_station(devices={"fingerprint": "sbi", "camera": "sbi"})
    for scanner in ("finger", "slap"):  # with none named, the station takes any ready scanner
        hw_mocks.sbi("status", device=scanner, status="Busy")
    hw_mocks.sbi("status", device="face", status="Not Registered")
    page = DiagnosticsPage(station)
    qtbot.addWidget(page)
    page.run()
    qtbot.waitUntil(lambda: all(_row(page, k)[1] for k in page.kinds), timeout=90_000)
    state, usable, reason = _row(page, "fingerprint")
    assert (state, usable) == ("occupé", "non") and "occupé" in reason
    state, usable, reason = _row(page, "camera")
    assert (state, usable) == ("non enregistré ou inconnu", "non") and "pas enregistré" in reason
    state, usable, reason = _row(page, "signature_pad")  # a USB device: its status read from its checks
    assert (state, usable, reason) == ("prêt", "oui", "")


def test_station_diagnose_json_gives_the_state(make_station, hw_mocks, tmp_path, capsys):
    make_station(devices={"fingerprint": "sbi"})  # writes tmp_path/station.toml
    for scanner in ("finger", "slap"):
        hw_mocks.sbi("status", device=scanner, status="Not Ready")
    code = station_main(["--config", str(tmp_path / "station.toml"), "diagnose", "fingerprint", "--json"])
    [report] = json.loads(capsys.readouterr().out)
    assert code == 1 and report["implementation"] == "sbi"
    assert report["state"] == "not_ready" and not report["usable"]
