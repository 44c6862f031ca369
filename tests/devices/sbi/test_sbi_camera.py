"""The SBI camera against hw-mocks' SBI service: the preview is the device's STREAM, the photo its signed
RCAPTURE of the face."""

from __future__ import annotations

import time

import pytest

from devices.camera.sbi import SbiCamera
from devices.errors import DeviceError
from tests.devices.threads import off_main


@pytest.fixture
def camera(hw_mocks):
    c = SbiCamera.from_settings(hw_mocks.settings())
    yield c
    c.close()


def test_the_preview_streams_the_scene(camera):
    first = off_main(camera.read_frame)
    assert first.image.shape == (720, 1280, 3)
    deadline = time.monotonic() + 5
    while off_main(camera.read_frame).sequence == first.sequence and time.monotonic() < deadline:
        time.sleep(0.05)
    assert off_main(camera.read_frame).sequence > first.sequence  # a stream, not one picture
    info = off_main(camera.info)
    assert (info.width, info.height) == (1280, 720) and info.fps >= 3  # SBI asks 3 frames a second at least


def test_the_photo_is_the_devices_signed_capture(camera, hw_mocks):
    still = off_main(camera.capture_still)
    assert still.image.shape == (720, 1280, 3)
    assert camera.client.previous_hash  # verified and chained
    hw_mocks.sbi("fault", device="face", fault="bad_signature")
    with pytest.raises(DeviceError) as caught:
        off_main(camera.capture_still)
    assert caught.value.code == "sbi.bad_signature"


def test_a_camera_not_registered_gives_no_preview_and_says_why(camera, hw_mocks):
    hw_mocks.sbi("status", device="face", status="Not Registered")
    with pytest.raises(DeviceError) as caught:
        off_main(camera.capture_still)
    assert caught.value.code == "sbi.not_registered" and "pas enregistré" in caught.value.message
