from __future__ import annotations

import pytest

from devices import KINDS, DeviceError, DeviceSettings, open_devices
from devices.camera import Camera
from devices.registry import FACTORIES, resolve
from devices.smartcard import SmartCardReader


def test_every_kind_gets_its_driver_and_its_own_worker(device_settings):
    devices = open_devices(device_settings)
    try:
        handles = list(devices)
        assert [h.kind for h in handles] == list(KINDS)
        assert len({id(h.worker) for h in handles}) == len(KINDS)
        assert isinstance(devices.camera.driver, Camera)
        assert isinstance(devices.smartcard.driver, SmartCardReader)
        assert devices.camera.call("info").result(10).width == 1280
        assert devices.smartcard.call("card_present").result(10) is False
    finally:
        devices.close()
    assert all(not h.worker.alive for h in handles)


def test_errors_come_back_through_the_future(device_settings):
    devices = open_devices(device_settings)
    try:
        with pytest.raises(DeviceError) as caught:
            devices.barcode.call("read", 0.2).result(10)
        assert caught.value.code == "barcode.timeout"
    finally:
        devices.close()


def test_an_unknown_implementation_names_the_kind_and_the_accepted_values():
    settings = DeviceSettings(implementations={"camera": "opencv", "fingerprint": "morpho-magique"})
    with pytest.raises(DeviceError) as caught:
        open_devices(settings)
    err = caught.value
    assert err.code == "device.unknown_implementation"
    assert "lecteur d'empreintes" in err.message and "morpho-magique" in err.message
    assert "« usb »" in err.message and "« sbi »" in err.message
    assert err.details == {"kind": "fingerprint", "value": "morpho-magique", "accepted": ["sbi", "usb"]}


def test_an_unknown_kind_is_refused():
    with pytest.raises(DeviceError) as caught:
        open_devices(DeviceSettings(implementations={"printer": "simulated"}))
    assert caught.value.details["kind"] == "printer"


def test_a_real_driver_is_added_beside_the_simulated_one(monkeypatch, device_settings):
    made: list[str] = []

    def factory(settings):
        made.append("real")
        return FACTORIES["camera"]["opencv"](settings)

    monkeypatch.setitem(FACTORIES["camera"], "usb", factory)
    assert resolve("camera", "usb") is factory
    devices = open_devices(DeviceSettings(simulator_port=device_settings.simulator_port,
                                          implementations={"camera": "usb"}))
    devices.close()
    assert made == ["real"]
