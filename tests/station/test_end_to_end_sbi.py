"""The enrollment and the hand-over with the fingerprint scanner and the camera behind MOSIP's SBI (hw-mocks'
SBI service over HTTP on loopback): the station selects them with fingerprint = "sbi" and camera = "sbi", and
every capture it keeps was signed by the device and checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from devstation import scenario
from enrollment.model import State
from tests.fixtures.station import PIN
from tests.station.test_handover_page import camilles_title, handed_over, open_title

pytestmark = pytest.mark.e2e

SBI = {"fingerprint": "sbi", "camera": "sbi"}


def test_an_applicant_is_enrolled_over_sbi_devices_and_the_dossier_acknowledged(make_station, make_window,
                                                                                 hw_mocks, qtbot):
    station = make_station(devices=SBI)
    window = make_window(station)
    assert station.devices.fingerprint.driver.implementation == "sbi"
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    dossier_id = scenario.enroll(window, scenario.Applicant(), hw_mocks.scan_barcode, lambda _: None,
                                 hw_mocks.load_feeder)
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    # Two fingers and the photo were the devices' signed captures, chained one to the next.
    captures = hw_mocks.sbi("info")["captures"]
    assert captures["Face"] == 1 and captures["Finger"] >= 2
    assert station.devices.fingerprint.driver.client.previous_hash


def test_the_holder_is_verified_on_the_sbi_scanner_and_the_title_handed_over(
        make_station, make_window, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    station = make_station(devices=SBI)
    window = make_window(station)
    number = camilles_title(http, cert_service, sealer, agent_signer)
    page = open_title(window, hw_mocks, qtbot, number)
    hw_mocks.finger("impression", take=3)
    hw_mocks.sbi("fault", device="finger", fault="busy")  # another application holds the scanner a moment
    qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "occupé" in page.status.text(), timeout=30_000)
    assert page.flow.presentations == 0  # a device refusal is not a failed presentation
    qtbot.waitUntil(page.fingers_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.verification is not None, timeout=60_000)
    assert page.flow.matched, page.status.text()
    page.face_checked.setChecked(True)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.handover_button.isEnabled(), timeout=60_000)
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    handed_over(station, cert_service, qtbot, number)
