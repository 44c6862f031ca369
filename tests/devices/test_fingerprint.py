"""The USB fingerprint driver through the real pyusb API, over the sim:// backend, to the emulated scanner."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np
import pytest

from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.fingerprint import LEFT_INDEX, RIGHT_INDEX, UsbFingerprintScanner
from devices.fingerprint.transfer import CHUNK_RETRIES
from hw_mocks.data import resolve_data_dir
from hw_mocks.fingerprint.control import FingerprintSim
from hw_mocks.fingerprint.scanner import Led
from hw_mocks.usb import UsbBus, UsbBusServer
from tests.devices.threads import off_main

DATA = resolve_data_dir(None)
needs_data = pytest.mark.skipif(DATA is None, reason="developer fingerprint set not on this machine")


@dataclass
class Rig:
    sim: FingerprintSim  # the applicant's gestures and the emulated device
    scanner: UsbFingerprintScanner

    def call(self, method: str, *args, **kwargs):
        return off_main(getattr(self.scanner, method), *args, **kwargs)

    def error(self, method: str, *args, **kwargs) -> DeviceError:
        with pytest.raises(DeviceError) as caught:
            self.call(method, *args, **kwargs)
        return caught.value


@pytest.fixture
def rig():
    sim = FingerprintSim(DATA)
    bus = UsbBus()
    bus.attach("fingerprint", sim.device)
    server = UsbBusServer(bus)
    server.start()
    rig = Rig(sim, UsbFingerprintScanner(f"sim://127.0.0.1:{server.port}"))
    yield rig
    off_main(rig.scanner.close)
    server.stop()


def dataset_image(sim: FingerprintSim, finger: int, take: int = 0) -> np.ndarray:
    return cv2.imread(str(sim.applicant.source.real_path(finger, take)), cv2.IMREAD_GRAYSCALE)


def test_info_describes_a_500_ppi_8_bit_scanner(rig):
    info = rig.call("info")
    assert (info.ppi, info.width, info.height) == (500, 388, 374)
    assert info.vendor == "Recueil" and info.serial == "EMU-FP-0001" and info.firmware


@needs_data
def test_a_capture_is_the_real_print_of_the_finger_asked_for(rig, caplog):
    with caplog.at_level(logging.INFO, logger="devices.fingerprint.usb"):
        right = rig.call("capture", RIGHT_INDEX, 5.0)
    assert right.ppi == 500 and right.pixels.dtype == np.uint8
    assert np.array_equal(right.pixels, dataset_image(rig.sim, 102))  # camille's right index, best impression
    left = rig.call("capture", LEFT_INDEX, 5.0)
    assert np.array_equal(left.pixels, dataset_image(rig.sim, 107))
    # 388 × 374 bytes travel in 36 chunks of 4 KiB, each checked, then the whole.
    record = next(r for r in caplog.records if r.getMessage() == "fingerprint captured")
    assert record.chunks == 36 and record.bytes == 388 * 374


@needs_data
def test_another_take_of_the_same_finger_is_another_impression(rig):
    rig.sim.impression({"take": 3})
    image = rig.call("capture", RIGHT_INDEX, 5.0)
    assert np.array_equal(image.pixels, dataset_image(rig.sim, 102, 3))


def test_a_corrupted_chunk_is_read_again_and_the_image_arrives_intact(rig, caplog):
    clean = rig.call("capture", RIGHT_INDEX, 5.0)
    rig.sim.device.corrupt_next_chunks(1)
    with caplog.at_level(logging.INFO, logger="devices.fingerprint.transfer"):
        again = rig.call("capture", RIGHT_INDEX, 5.0)
    assert np.array_equal(again.pixels, clean.pixels)
    assert any(r.getMessage() == "fingerprint chunks re-read" and r.retries == 1 for r in caplog.records)


def test_a_transfer_that_stays_corrupted_is_a_clear_error(rig):
    rig.sim.device.corrupt_next_chunks(CHUNK_RETRIES + 1)
    err = rig.error("capture", RIGHT_INDEX, 5.0)
    assert err.code == "fingerprint.transfer"
    assert "abîmée" in err.message and "port USB" in err.message
    # The next capture, on a sound link, works.
    assert rig.call("capture", RIGHT_INDEX, 5.0).pixels.shape == (374, 388)


def test_unplugged_in_the_middle_of_a_transfer_then_replugged(rig):
    rig.sim.device.unplug_after_chunks(5)
    err = rig.error("capture", LEFT_INDEX, 5.0)
    assert err.code == "fingerprint.unplugged"
    assert "débranché" in err.message and "Rebranchez" in err.message
    assert rig.error("info").code == "fingerprint.not_found"  # still out: the agent is told to plug it in
    rig.sim.plug({})
    assert rig.call("capture", LEFT_INDEX, 5.0).pixels.std() > 20


def test_no_finger_times_out_with_an_instruction(rig):
    rig.sim.away({})
    err = rig.error("capture", RIGHT_INDEX, 0.4)
    assert err.code == "fingerprint.timeout" and "poser le doigt" in err.message
    rig.sim.away({"on": False})
    assert rig.call("capture", RIGHT_INDEX, 5.0).pixels.std() > 20


def test_an_amputated_finger_leaves_the_platen_empty(rig):
    rig.sim.missing({"positions": [LEFT_INDEX]})
    assert rig.error("capture", LEFT_INDEX, 0.4).code == "fingerprint.timeout"
    assert rig.call("capture", RIGHT_INDEX, 5.0).pixels.std() > 20


def test_the_same_finger_presented_for_both_index_positions(rig):
    rig.sim.swap_index({})
    right = rig.call("capture", RIGHT_INDEX, 5.0)
    left = rig.call("capture", LEFT_INDEX, 5.0)
    assert np.array_equal(right.pixels, left.pixels)


def test_synthetic_persons_give_distinct_prints(rig):
    rig.sim.person({"name": "synthetic:1"})
    one = rig.call("capture", RIGHT_INDEX, 5.0)
    rig.sim.person({"name": "synthetic:2"})
    two = rig.call("capture", RIGHT_INDEX, 5.0)
    assert one.pixels.shape == two.pixels.shape == (374, 388)
    assert not np.array_equal(one.pixels, two.pixels) and one.pixels.std() > 20


def test_the_led_guides_the_applicant(rig):
    rig.call("set_led", LEFT_INDEX, "amber", True)
    assert rig.sim.device.led == Led(7, "amber", True)
    rig.call("set_led", LEFT_INDEX, "green")
    rig.call("set_led", None, "off")
    assert rig.sim.device.led_history[-2:] == [Led(7, "green", False), Led(0, "off", False)]
    with pytest.raises(ValueError):
        rig.call("set_led", LEFT_INDEX, "purple")


def test_finger_presence_and_abort(rig):
    assert rig.call("finger_present") is False
    rig.call("abort")  # nothing running: harmless
    assert rig.call("capture", RIGHT_INDEX, 5.0).pixels.shape == (374, 388)


def test_an_unknown_finger_position_is_refused_in_french(rig):
    err = rig.error("capture", "42")
    assert err.code == "fingerprint.bad_position" and "doigt" in err.message


def test_diagnose_reports_the_device_a_test_capture_and_a_clean_platen(rig):
    d = off_main(diagnose, rig.scanner)
    assert d.ok and [c.name for c in d.checks] == ["info", "test_capture", "platen"]
    assert "EMU-FP-0001" in d.checks[0].detail and "Vitre propre" in d.checks[2].detail


def test_diagnose_names_a_dirty_platen(rig):
    rig.sim.dirty_platen({})
    d = off_main(diagnose, rig.scanner)
    assert not d.ok
    platen = d.checks[2]
    assert not platen.ok and "sale" in platen.detail and "Nettoyez" in platen.detail


def test_diagnose_of_an_unplugged_scanner_says_to_plug_it_in(rig):
    rig.sim.unplug({})
    d = off_main(diagnose, rig.scanner)
    assert not d.ok
    assert "pas détecté" in d.checks[0].detail
    assert all(not c.ok for c in d.checks[1:])  # skipped
