"""The SBI fingerprint driver against hw-mocks' SBI service over real HTTP on loopback: captures verified
(signature, chain, time, fields), each fault a clear French error, nothing of a refused capture kept."""

from __future__ import annotations

import pytest

from devices.errors import DeviceError
from devices.fingerprint.sbi import SbiFingerprintScanner
from devices.status import DeviceState
from tests.devices.threads import off_main

SLAP = "RCL-FP4-000000002"


@pytest.fixture
def scanner(hw_mocks):
    s = SbiFingerprintScanner.from_settings(hw_mocks.settings(sbi_fingerprint_device="RCL-FP1-000000001"))
    yield s
    s.close()


def _error(fn, *args, **kwargs) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args, **kwargs)
    return caught.value


def test_a_capture_gives_the_applicants_finger_and_the_devices_score(scanner, hw_mocks):
    image = off_main(scanner.capture, "2", 5.0)
    assert image.ppi == 500 and image.pixels.shape == (374, 388)
    assert image.pixels.std() > 20  # ridges, not an empty glass
    assert image.device_quality is not None and 0 < image.device_quality <= 100
    info = off_main(scanner.info)
    assert info.serial == "RCL-FP1-000000001" and info.vendor == "Recueil"


def test_each_capture_continues_the_hash_chain(scanner):
    off_main(scanner.capture, "2", 5.0)
    first = scanner.client.previous_hash
    off_main(scanner.capture, "7", 5.0)
    assert len(first) == 64 and scanner.client.previous_hash not in ("", first)


@pytest.mark.parametrize(("fault", "code", "words"), [
    ("bad_signature", "sbi.bad_signature", "signature de la capture"),
    ("broken_chain", "sbi.hash_chain", "chaîne de contrôle"),
])
def test_a_capture_that_fails_its_check_is_refused_and_the_next_one_is_kept(scanner, hw_mocks, fault, code, words):
    off_main(scanner.capture, "2", 5.0)
    chain = scanner.client.previous_hash
    hw_mocks.sbi("fault", device="finger", fault=fault)
    err = _error(scanner.capture, "7", 5.0)
    assert err.code == code and words in err.message
    assert scanner.client.previous_hash == chain  # the refused capture left nothing behind
    assert off_main(scanner.capture, "7", 5.0).pixels.size  # the device's next capture chains on


@pytest.mark.parametrize(("status", "code", "state", "words"), [
    ("Busy", "sbi.busy", DeviceState.BUSY, "occupé"),
    ("Not Ready", "sbi.not_ready", DeviceState.NOT_READY, "pas prêt"),
    ("Not Registered", "sbi.not_registered", DeviceState.NOT_REGISTERED, "pas enregistré"),
])
def test_a_device_that_is_not_ready_says_why(scanner, hw_mocks, status, code, state, words):
    hw_mocks.sbi("status", device="finger", status=status)
    err = _error(scanner.capture, "2", 5.0)
    assert err.code == code and words in err.message
    shown = off_main(scanner.status)
    assert shown.state is state and not shown.usable and words in shown.reason
    hw_mocks.sbi("status", device="finger", status="Ready")
    assert off_main(scanner.status).usable
    assert off_main(scanner.capture, "2", 5.0).pixels.size


def test_a_busy_reply_to_one_capture_is_only_that(scanner, hw_mocks):
    hw_mocks.sbi("fault", device="finger", fault="busy")  # another application took the device a moment
    assert _error(scanner.capture, "2", 5.0).code == "sbi.busy"
    assert off_main(scanner.capture, "2", 5.0).pixels.size


def test_a_device_signing_with_an_unknown_key_is_not_used(scanner, hw_mocks):
    hw_mocks.sbi("unregistered_keys")
    err = _error(scanner.capture, "2", 5.0)
    assert err.code == "sbi.untrusted" and "pas un appareil certifié" in err.message
    assert off_main(scanner.status).state is DeviceState.NOT_REGISTERED


def test_no_finger_before_the_timeout_is_the_usual_timeout(scanner, hw_mocks):
    hw_mocks.sbi("fault", device="finger", fault="no_finger")
    err = _error(scanner.capture, "2", 1.0)
    assert err.code == "fingerprint.timeout" and "Aucun doigt" in err.message


def test_a_slow_device_is_waited_for_until_the_timeout(scanner, hw_mocks):
    hw_mocks.sbi("delay", device="finger", seconds=1.0)
    assert off_main(scanner.capture, "2", 5.0).pixels.size


def test_a_device_that_stops_answering_is_a_clear_error(hw_mocks):
    scanner = SbiFingerprintScanner.from_settings(hw_mocks.settings(sbi_port=4600 if hw_mocks.sbi_port != 4600
                                                                    else 4599))
    try:
        err = _error(scanner.capture, "2", 2.0)
        assert err.code == "sbi.unreachable" and "ne répond pas" in err.message
    finally:
        scanner.close()


def test_a_slap_scanner_takes_one_finger_of_its_slap(hw_mocks):
    scanner = SbiFingerprintScanner.from_settings(hw_mocks.settings(sbi_fingerprint_device=SLAP))
    try:
        left = off_main(scanner.capture, "7", 5.0)
        thumb = off_main(scanner.capture, "1", 5.0)
        assert left.pixels.shape == thumb.pixels.shape == (374, 388)
    finally:
        scanner.close()


def test_discovery_across_the_port_range_finds_the_device(hw_mocks):
    scanner = SbiFingerprintScanner.from_settings(hw_mocks.settings(sbi_port=0))
    try:
        found = off_main(scanner.client.devices)
        assert any(d.port == hw_mocks.sbi_port and d.serial == "RCL-FP1-000000001" for d in found)
        assert all(d.bio_type == "Finger" for d in found)
    finally:
        scanner.close()


def test_the_diagnosis_reports_the_devices_status(hw_mocks):
    from devices import open_devices

    devices = open_devices(hw_mocks.settings(implementations={"fingerprint": "sbi"},
                                             sbi_fingerprint_device="RCL-FP1-000000001"))
    try:
        ok = devices.fingerprint.diagnose().result(30)
        assert ok.ok and ok.status().usable and ok.implementation == "sbi"
        hw_mocks.sbi("status", device="finger", status="Busy")
        busy = devices.fingerprint.diagnose().result(30)
        assert not busy.ok and busy.status().state is DeviceState.BUSY and "occupé" in busy.status().reason
        assert busy.to_dict()["state"] == "busy"
    finally:
        devices.close()
