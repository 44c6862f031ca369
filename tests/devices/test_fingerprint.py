from __future__ import annotations

import numpy as np
import pytest

from devices.errors import DeviceError
from devices.fingerprint import LEFT_INDEX, RIGHT_INDEX, SimulatedFingerprintScanner
from tests.devices.threads import off_main


def test_info_describes_a_500_ppi_scanner(device_settings):
    scanner = SimulatedFingerprintScanner.from_settings(device_settings)
    info = off_main(scanner.info)
    assert info.ppi == 500
    assert info.width > 0 and info.height > 0


def test_two_index_fingers_are_different_prints(device_settings):
    scanner = SimulatedFingerprintScanner.from_settings(device_settings)
    right = off_main(scanner.capture, RIGHT_INDEX)
    left = off_main(scanner.capture, LEFT_INDEX)
    for image in (right, left):
        assert image.ppi == 500
        assert image.pixels.dtype == np.uint8 and image.pixels.ndim == 2
        assert image.pixels.std() > 20  # ridges, not a blank plate
    assert right.pixels.shape != left.pixels.shape or not np.array_equal(right.pixels, left.pixels)
    # The same finger twice is the same impression: captures are deterministic for tests.
    again = off_main(scanner.capture, RIGHT_INDEX)
    assert np.array_equal(again.pixels, right.pixels)


def test_an_unknown_finger_position_is_refused_in_french(device_settings):
    scanner = SimulatedFingerprintScanner.from_settings(device_settings)
    with pytest.raises(DeviceError) as caught:
        off_main(scanner.capture, "42")
    assert caught.value.code == "fingerprint.bad_position"
    assert "doigt" in caught.value.message
