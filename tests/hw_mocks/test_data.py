"""The simulators use the developer data when present and never fail without it."""

from __future__ import annotations

import base64

import cv2
import numpy as np
import pytest

from hw_mocks.camera import CameraSim
from hw_mocks.data import default_data_dir
from hw_mocks.fingerprint import FingerprintSim
from hw_mocks.smartcard import SmartCardSim


def _decode(b64: str, flags: int) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(base64.b64decode(b64), np.uint8), flags)


def test_without_data_the_camera_and_scanner_draw_stand_ins(tmp_path):
    frame = _decode(CameraSim(None).read_frame({})["jpeg"], cv2.IMREAD_COLOR)
    assert frame.shape == (720, 1280, 3) and frame.std() > 10
    sim = FingerprintSim(None)
    right = _decode(sim.capture({"position": "2"})["png"], cv2.IMREAD_GRAYSCALE)
    left = _decode(sim.capture({"position": "7"})["png"], cv2.IMREAD_GRAYSCALE)
    assert right.std() > 20 and not np.array_equal(right, left)


def test_a_missing_pki_folder_means_no_cards_not_a_crash(tmp_path):
    assert SmartCardSim(tmp_path / "nowhere").cards == {}
    assert SmartCardSim(None).cards == {}


HAVE_DATA = (default_data_dir() / "fingers").is_dir()


@pytest.mark.skipif(not HAVE_DATA, reason="developer data not on this machine")
def test_with_data_each_index_finger_comes_from_a_different_real_finger():
    sim = FingerprintSim(default_data_dir())
    names = {position: path.name for position, path in sim._files.items()}
    assert names["2"].startswith("fvc2002db1b_102_") and names["7"].startswith("fvc2002db1b_107_")
    image = _decode(sim.capture({"position": "2"})["png"], cv2.IMREAD_GRAYSCALE)
    assert image.shape == (374, 388)
