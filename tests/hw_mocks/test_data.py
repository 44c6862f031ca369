"""The simulators use the developer data when present and never fail without it."""

from __future__ import annotations

import base64

import cv2
import numpy as np

from hw_mocks.camera.control import CameraSim
from hw_mocks.smartcard.control import SmartCardSim


def _decode(b64: str, flags: int) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(base64.b64decode(b64), np.uint8), flags)


def test_without_data_the_camera_draws_a_stand_in(tmp_path):
    frame = CameraSim(None).frame(1280, 720)  # the astronaut of scikit-image, or a drawn bust
    assert frame.shape == (720, 1280, 3) and frame.std() > 10


def test_a_missing_pki_folder_means_no_cards_not_a_crash(tmp_path):
    assert SmartCardSim(tmp_path / "nowhere").cards == {}
    assert SmartCardSim(None).cards == {}
