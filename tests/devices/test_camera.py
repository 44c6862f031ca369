from __future__ import annotations

import time

import numpy as np

from devices.camera import SimulatedCamera
from tests.devices.threads import off_main


def test_info_and_frame_have_the_announced_size(device_settings):
    camera = SimulatedCamera.from_settings(device_settings)
    info = off_main(camera.info)
    assert (info.width, info.height) == (1280, 720)
    assert info.fps > 0
    frame = off_main(camera.read_frame)
    assert frame.image.dtype == np.uint8
    assert frame.image.shape == (720, 1280, 3)
    assert abs(frame.timestamp - time.time()) < 60
    camera.close()


def test_frames_show_a_scene_not_a_flat_colour(device_settings):
    camera = SimulatedCamera.from_settings(device_settings)
    a, b = off_main(camera.read_frame).image, off_main(camera.read_frame).image
    assert a.std() > 20  # a face and a backdrop, not a blank frame
    assert not np.array_equal(a, b)  # a live stream: consecutive frames differ (sensor noise)
    camera.close()
