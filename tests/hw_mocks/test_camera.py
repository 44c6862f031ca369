"""The virtual camera as docs/simulated-devices.md publishes it: the scene op, the MJPEG stream over HTTP,
unplug/plug, and the `hw-mocks camera` commands."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

import cv2
import numpy as np
import pytest

from hw_mocks.client import LinkError


def _get(url: str, max_bytes: int = 400_000) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read(max_bytes)
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


def test_scene_op_starts_from_a_preset_and_changes_only_the_fields_given(hw_mocks):
    assert hw_mocks.camera_scene(preset="dark")["brightness"] == 0.3
    scene = hw_mocks.camera_scene(yaw=20, blur=3)
    assert (scene["brightness"], scene["yaw"], scene["blur"]) == (0.3, 20.0, 3.0)  # dark kept
    scene = hw_mocks.camera_scene(preset="good", second_person=True)
    assert (scene["brightness"], scene["yaw"], scene["second_person"]) == (1.0, 0.0, True)


@pytest.mark.parametrize(
    "scene", [{"preset": "sunset"}, {"yaw": 90}, {"blur": "a lot"}, {"hat": True}, {"person": 1},
              {"background": "green"}],
)
def test_bad_scenes_are_refused_and_leave_the_scene_unchanged(hw_mocks, scene):
    before = hw_mocks.control("camera", "info")["scene"]
    with pytest.raises(LinkError) as caught:
        hw_mocks.camera_scene(**scene)
    assert caught.value.code == "link.bad_args"
    assert hw_mocks.control("camera", "info")["scene"] == before


def test_the_stream_is_multipart_jpeg_at_the_asked_size(hw_mocks):
    status, ctype, body = _get(hw_mocks.camera_url + "?width=320&height=240")
    assert status == 200 and ctype == "multipart/x-mixed-replace; boundary=frame"
    assert body.startswith(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ")
    header, rest = body.split(b"\r\n\r\n", 1)
    length = int(header.rsplit(b" ", 1)[1])
    image = cv2.imdecode(np.frombuffer(rest[:length], np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (240, 320, 3)


def test_a_snapshot_and_bad_requests(hw_mocks):
    base = hw_mocks.camera_url.rsplit("/", 1)[0]
    status, ctype, body = _get(base + "/camera.jpg")
    assert (status, ctype) == (200, "image/jpeg")
    assert cv2.imdecode(np.frombuffer(body, np.uint8), cv2.IMREAD_COLOR).shape == (720, 1280, 3)
    assert _get(base + "/camera.mjpg?width=99999")[0] == 400
    assert _get(base + "/video")[0] == 404


def test_unplug_closes_the_port_and_plug_reopens_the_same_one(hw_mocks):
    hw_mocks.control("camera", "unplug")
    assert hw_mocks.control("camera", "info")["plugged"] is False
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(hw_mocks.camera_url, timeout=5)
    assert hw_mocks.control("camera", "plug")["url"] == hw_mocks.camera_url
    assert _get(hw_mocks.camera_url, 1000)[0] == 200


def test_the_camera_commands(hw_mocks):
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "hw_mocks.cli", "camera", *args, "--port", str(hw_mocks.port)],
                              capture_output=True, text=True, timeout=60, env={**os.environ})

    done = cli("scene", "--preset", "two-people", "--yaw", "20", "--no-person")
    assert done.returncode == 0, done.stderr
    assert '"second_person": true' in done.stdout and '"yaw": 20.0' in done.stdout
    assert hw_mocks.control("camera", "info")["scene"]["person"] is False
    assert cli("scene", "--preset", "nowhere").returncode != 0
    assert "camera unplugged" in cli("unplug").stdout
    assert "camera plugged: http://" in cli("plug").stdout


def test_a_code_shown_is_in_the_snapshot_until_hidden_and_bad_codes_are_refused(hw_mocks):
    import zxingcpp

    base = hw_mocks.camera_url.rsplit("/", 1)[0]

    def codes() -> list[str]:
        image = cv2.imdecode(np.frombuffer(_get(base + "/camera.jpg")[2], np.uint8), cv2.IMREAD_GRAYSCALE)
        return [c.text for c in zxingcpp.read_barcodes(image)]

    subprocess.run([sys.executable, "-m", "hw_mocks.cli", "camera", "show", "EVX4RTBPFW41", "--symbology", "CODE128",
                    "--port", str(hw_mocks.port)], check=True, capture_output=True, timeout=60)
    assert codes() == ["EVX4RTBPFW41"]
    hw_mocks.hide_code()
    assert codes() == []
    for args in ({"text": "x", "symbology": "AZTEC"}, {"text": "not digits", "symbology": "EAN13"}, {}):
        with pytest.raises(LinkError) as caught:
            hw_mocks.control("camera", "show", args)
        assert caught.value.code == "link.bad_args"
