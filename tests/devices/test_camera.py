"""The OpenCV camera driver reading hw-mocks' virtual camera over HTTP (real FFMPEG backend, real stream)."""

from __future__ import annotations

import socket
import time

import numpy as np
import pytest

from devices.camera import OpenCvCamera
from devices.diagnose import diagnose
from devices.errors import DeviceError
from tests.devices.threads import off_main


@pytest.fixture
def camera(device_settings):
    cam = OpenCvCamera.from_settings(device_settings)
    yield cam
    cam.close()


def fresh_frame(camera, after: int = 0, frames: int = 2, timeout_s: float = 20.0):
    """A frame taken at least `frames` frames after sequence `after` (so after a scene change)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            frame = off_main(camera.read_frame)
            if frame.sequence >= after + frames:
                return frame
        except DeviceError:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError("no new frame from the camera")
        time.sleep(0.05)


def until_error(camera, timeout_s: float = 20.0) -> DeviceError:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            off_main(camera.read_frame)
        except DeviceError as exc:
            return exc
        time.sleep(0.05)
    raise AssertionError("the camera kept giving frames")


def test_frames_have_the_stream_size_and_info_measures_the_rate(camera):
    frame = fresh_frame(camera, frames=20)  # enough frames for a rate
    assert frame.image.dtype == np.uint8 and frame.image.shape == (720, 1280, 3)
    assert abs(frame.timestamp - time.time()) < 5
    info = off_main(camera.info)
    assert (info.width, info.height) == (1280, 720)
    assert 5 < info.fps < 40  # the stream runs at 15 frames/s


def test_read_frame_gives_the_latest_frame_of_a_live_stream(camera):
    a = fresh_frame(camera)
    b = fresh_frame(camera, after=a.sequence, frames=1)
    assert b.sequence > a.sequence and b.timestamp > a.timestamp
    assert not np.array_equal(a.image, b.image)  # sensor noise: a live stream, not a still
    assert a.image.std() > 20  # a face and a backdrop, not a blank frame


def test_a_camera_that_is_not_there_gives_a_french_message():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    camera = OpenCvCamera(f"http://127.0.0.1:{port}/camera.mjpg")
    try:
        with pytest.raises(DeviceError) as caught:
            off_main(camera.read_frame)
    finally:
        camera.close()
    assert caught.value.code == "camera.unavailable"
    assert caught.value.message.startswith("La caméra ne fournit pas d'image")


def test_unplugged_then_plugged_back_the_camera_reconnects_by_itself(camera, hw_mocks):
    before = fresh_frame(camera)
    hw_mocks.control("camera", "unplug")
    err = until_error(camera)
    assert err.code == "camera.unavailable" and "rebranchée" in err.message
    hw_mocks.control("camera", "plug")
    after = fresh_frame(camera, after=before.sequence, frames=1)
    assert after.image.shape == (720, 1280, 3)


def test_diagnosis_reports_rate_exposure_and_focus(camera):
    diagnosis = off_main(diagnose, camera)
    assert diagnosis.ok, diagnosis.to_dict()
    checks = {c.name: c.detail for c in diagnosis.checks}
    assert list(checks) == ["stream", "rate", "exposure", "focus"]
    assert checks["stream"] == "Image reçue : 1280×720."
    assert "images/s mesurées" in checks["rate"]
    assert "luminance moyenne" in checks["exposure"] and "Netteté correcte" in checks["focus"]


@pytest.mark.parametrize(
    ("preset", "failing", "words"),
    [("dark", "exposure", "trop sombre"), ("overexposed", "exposure", "surexposée"), ("blurred", "focus", "floue")],
)
def test_diagnosis_fails_on_a_covered_or_unfocused_camera(camera, hw_mocks, preset, failing, words):
    seq = fresh_frame(camera).sequence
    hw_mocks.camera_scene(preset=preset)
    fresh_frame(camera, after=seq, frames=3)
    diagnosis = off_main(diagnose, camera)
    assert not diagnosis.ok
    failed = next(c for c in diagnosis.checks if not c.ok)
    assert failed.name == failing and words in failed.detail


def test_diagnosis_of_an_unplugged_camera_fails_at_the_stream(camera, hw_mocks):
    fresh_frame(camera)
    hw_mocks.control("camera", "unplug")
    until_error(camera)
    diagnosis = off_main(diagnose, camera)
    assert not diagnosis.ok
    assert [(c.name, c.ok) for c in diagnosis.checks] == [
        ("stream", False), ("rate", False), ("exposure", False), ("focus", False)]
    assert "caméra" in diagnosis.checks[0].detail and "Non vérifié" in diagnosis.checks[1].detail


def test_a_stream_of_another_size_fails_the_diagnosis(device_settings, hw_mocks):
    camera = OpenCvCamera(hw_mocks.camera_url + "?width=640&height=480")  # expects 1280×720
    try:
        assert off_main(camera.read_frame).image.shape == (480, 640, 3)
        diagnosis = off_main(diagnose, camera)
    finally:
        camera.close()
    assert not diagnosis.ok and "640×480 au lieu de 1280×720" in diagnosis.checks[0].detail
