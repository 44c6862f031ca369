from __future__ import annotations

import json
import socket

import pytest

from devices import KINDS, DeviceSettings, open_devices
from devices.settings import DEFAULTS
from devices.status import DeviceState


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("kind", KINDS)
def test_diagnose_is_ok_with_the_simulator_up(kind, device_settings):
    devices = open_devices(device_settings)
    try:
        diagnosis = devices.handle(kind).diagnose().result(30)
    finally:
        devices.close()
    assert diagnosis.ok, diagnosis
    assert diagnosis.device == kind
    assert diagnosis.implementation == {"smartcard": "pkcs11", "camera": "opencv", "fingerprint": "usb",
                                        "signature_pad": "usb", "document_scanner": "sane",
                                        "printer": "cups"}.get(kind, "simulated")
    assert diagnosis.checks and all(c.ok for c in diagnosis.checks)
    json.dumps(diagnosis.to_dict())  # serialisable for a support ticket


# Only the barcode reader still uses the simulator link by default. The card reader speaks PC/SC (failures in
# test_smartcard_watch.py), the camera reads a video stream (test_camera.py), the fingerprint scanner and the
# signature pad are USB devices (test_fingerprint.py, test_signature_pad_usb.py), the document scanner goes
# through SANE (test_document_scanner_sane.py) and the printer through CUPS (test_printer_cups.py).
@pytest.mark.parametrize("kind", [k for k in KINDS if DEFAULTS[k] == "simulated"])
def test_diagnose_reports_a_dead_simulator_without_raising(kind):
    devices = open_devices(DeviceSettings(simulator_port=_free_port()))
    try:
        diagnosis = devices.handle(kind).diagnose().result(30)
    finally:
        devices.close()
    assert not diagnosis.ok
    assert not diagnosis.checks[0].ok
    assert "ne répond pas" in diagnosis.checks[0].detail
    assert all(not c.ok for c in diagnosis.checks)
    status = diagnosis.status()  # what the diagnostics page shows: not ready, and why
    assert status.state is DeviceState.NOT_READY and not status.usable and "ne répond pas" in status.reason


def test_smartcard_diagnosis_holds_no_personal_data(hw_mocks, device_settings):
    hw_mocks.insert_card("agent")
    devices = open_devices(device_settings)
    try:
        diagnosis = devices.smartcard.diagnose().result(30)
    finally:
        devices.close()
    assert diagnosis.ok
    text = json.dumps(diagnosis.to_dict(), ensure_ascii=False)
    assert set(diagnosis.to_dict()) == {"device", "implementation", "ok", "state", "usable", "checks"}
    assert diagnosis.status().usable and diagnosis.to_dict()["state"] == "ready"
    for personal in ("Camille", "MARTIN", "Martin", "AG-0001"):
        assert personal not in text
    assert "Carte insérée" in text and "rôle agent" in text
