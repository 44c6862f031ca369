"""`station diagnose barcode`: each barcode reader checked through the configuration, the registry and the
real driver, as a technician runs it at the counter."""

from __future__ import annotations

import json
import os

from station.cli import main


def configured(tmp_path, make_station, barcode: str, **devices: str):
    """The station's configuration file with this barcode reader and these other [devices] settings."""
    make_station(devices={"barcode": barcode})
    path = tmp_path / "station.toml"
    lines = "".join(f"{key} = {json.dumps(value)}\n" for key, value in devices.items())
    path.write_text(path.read_text(encoding="utf-8").replace("[devices]\n", "[devices]\n" + lines, 1),
                    encoding="utf-8")
    return path


def diagnose(path, capsys) -> tuple[int, dict]:
    code = main(["--config", str(path), "diagnose", "barcode", "--json"])
    [report] = json.loads(capsys.readouterr().out)
    return code, report


def test_a_serial_reader_is_checked_by_opening_its_port(make_station, tmp_path, capsys):
    master, slave = os.openpty()
    try:
        port = os.ttyname(slave)
        code, report = diagnose(configured(tmp_path, make_station, barcode="serial", barcode_serial_port=port),
                                capsys)
    finally:
        os.close(master)
        os.close(slave)
    assert code == 0 and report["implementation"] == "serial"
    assert report["checks"][0]["ok"] and port in report["checks"][0]["detail"]


def test_a_serial_reader_that_is_not_there_fails_in_french(make_station, tmp_path, capsys):
    path = configured(tmp_path, make_station, barcode="serial", barcode_serial_port=str(tmp_path / "ttyACM9"))
    code, report = diagnose(path, capsys)
    assert code == 1 and not report["ok"] and "port série" in report["checks"][0]["detail"]


def test_the_camera_reader_decodes_a_frame_of_the_camera(make_station, hw_mocks, tmp_path, capsys):
    hw_mocks.show_code("2501ABCD12")
    code, report = diagnose(configured(tmp_path, make_station, barcode="camera"), capsys)
    assert code == 0 and report["implementation"] == "camera", report
    assert "1280×720" in report["checks"][0]["detail"]


def test_a_keyboard_wedge_reader_is_sent_to_the_windows_diagnostics_page(make_station, tmp_path, capsys):
    code, report = diagnose(configured(tmp_path, make_station, barcode="wedge"), capsys)
    assert code == 1 and report["implementation"] == "wedge"
    assert "page Diagnostic" in report["checks"][0]["detail"]
