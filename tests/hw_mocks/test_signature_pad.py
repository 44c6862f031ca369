"""hw-mocks' pad: the link plays the person at the pad, the station's driver reads it over the USB bus."""

from __future__ import annotations

import pytest

from devices.errors import DeviceError
from devices.signature_pad import UsbSignaturePad
from hw_mocks.cli import main as cli_main
from tests.devices.threads import off_main


def test_gestures_queued_on_the_link_reach_the_driver_over_usb(hw_mocks):
    pad = UsbSignaturePad(hw_mocks.usb_backend)
    hw_mocks.control("signature_pad", "sign", {"gesture": "line"})
    line = off_main(pad.capture, 10.0)
    assert len(line.strokes()) == 1 and len({p.y for p in line.points}) <= 3
    state = hw_mocks.control("signature_pad", "state")
    assert state["ink"] > 50 and state["prompt"] and not state["reporting"]
    auto = off_main(pad.capture, 10.0)  # nothing queued: the next person signs by themself
    assert len(auto.strokes()) >= 2
    off_main(pad.close)


def test_cli_queues_a_fault_for_the_next_capture(hw_mocks, capsys):
    assert cli_main(["pad", "fault", "unplug", "--port", str(hw_mocks.port)]) == 0
    pad = UsbSignaturePad(hw_mocks.usb_backend)
    with pytest.raises(DeviceError) as err:
        off_main(pad.capture, 10.0)
    assert err.value.code == "signature.unplugged"
    assert cli_main(["pad", "plug", "--port", str(hw_mocks.port)]) == 0
    assert cli_main(["pad", "sign", "--seed", "4", "--port", str(hw_mocks.port)]) == 0
    assert "person 4" in capsys.readouterr().out
    assert len(off_main(pad.capture, 10.0).strokes()) >= 2
    off_main(pad.close)


def test_unknown_gesture_is_refused(hw_mocks):
    from hw_mocks.client import LinkError

    with pytest.raises(LinkError):
        hw_mocks.control("signature_pad", "sign", {"gesture": "doodle"})
