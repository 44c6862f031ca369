"""What the virtual camera films changes what the station sees: checked on frames read by the OpenCV
driver, with dlib's detector and landmarks (face_recognition), the tools the photo checks use."""

from __future__ import annotations

import math

import cv2
import face_recognition
import numpy as np
import pytest

from devices.camera import OpenCvCamera
from devices.camera.measures import focus
from hw_mocks.camera.scene import Scene
from tests.devices.test_camera import fresh_frame

SCALE = 0.5  # detect on 640×360: the faces are large enough and dlib's HOG is four times faster


@pytest.fixture
def shoot(device_settings, hw_mocks):
    camera = OpenCvCamera.from_settings(device_settings)
    seq = [fresh_frame(camera).sequence]

    def take(**scene) -> np.ndarray:
        hw_mocks.camera_scene(**scene)
        frame = fresh_frame(camera, after=seq[0], frames=3)
        seq[0] = frame.sequence
        return frame.image

    yield take
    camera.close()


def _rgb(image: np.ndarray) -> np.ndarray:
    small = cv2.resize(image, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(small[:, :, ::-1])


def faces(image: np.ndarray) -> list:
    return face_recognition.face_locations(_rgb(image), model="hog")


def landmarks(image: np.ndarray) -> dict:
    found = face_recognition.face_landmarks(_rgb(image))
    assert len(found) == 1
    return {k: np.array(v, float) for k, v in found[0].items()}


def eye_aspect(points: np.ndarray) -> float:
    """Eye opening: mean of the two vertical lid distances over the eye's width (Soukupová and Čech, 2016)."""
    p = points
    return (np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4])) / (2 * np.linalg.norm(p[0] - p[3]))


def test_the_good_scene_shows_exactly_one_face_and_no_person_shows_none(shoot):
    assert len(faces(shoot(preset="good"))) == 1
    assert faces(shoot(preset="no-person")) == []


def test_a_second_person_is_a_second_face(shoot):
    assert len(faces(shoot(preset="two-people"))) == 2


def test_blur_lowers_the_focus_measure(shoot):
    sharp, soft = focus(shoot(preset="good")), focus(shoot(preset="good", blur=3.0))
    assert soft < sharp / 3


def test_eyes_closed_scene_has_lower_eye_opening(shoot):
    def opening(image):
        lm = landmarks(image)
        return (eye_aspect(lm["left_eye"]) + eye_aspect(lm["right_eye"])) / 2

    assert opening(shoot(preset="eyes-closed")) < 0.6 * opening(shoot(preset="good"))


def test_roll_tilts_the_eye_line_by_the_angle_asked(shoot):
    lm = landmarks(shoot(preset="good", roll=15.0))
    left, right = lm["left_eye"].mean(axis=0), lm["right_eye"].mean(axis=0)
    angle = math.degrees(math.atan2(right[1] - left[1], right[0] - left[0]))
    assert angle == pytest.approx(15.0, abs=4.0)


@pytest.mark.parametrize("yaw", [-25.0, 25.0])
def test_yaw_moves_the_nose_towards_the_side_turned_to(shoot, yaw):
    def nose_offset(image) -> float:
        lm = landmarks(image)
        chin = lm["chin"]
        width = chin[:, 0].max() - chin[:, 0].min()
        return (lm["nose_tip"][:, 0].mean() - (chin[0, 0] + chin[-1, 0]) / 2) / width

    straight, turned = nose_offset(shoot(preset="good")), nose_offset(shoot(preset="good", yaw=yaw))
    assert abs(straight) < 0.05
    assert math.copysign(1, turned - straight) == math.copysign(1, yaw) and abs(turned - straight) > 0.05


def test_face_size_follows_the_distance(shoot):
    (near,) = faces(shoot(preset="good"))
    (far,) = faces(shoot(preset="good", face_size=0.25))
    height = lambda box: box[2] - box[0]  # noqa: E731 - (top, right, bottom, left)
    assert height(far) / height(near) == pytest.approx(0.25 / Scene().face_size, rel=0.2)


def test_white_and_patterned_backgrounds_change_the_backdrop(shoot):
    def corner(image):
        return image[:120, :120].reshape(-1, 3)

    blue = corner(shoot(preset="good"))
    white = corner(shoot(preset="white-background"))
    patterned = corner(shoot(preset="patterned-background"))
    assert blue[:, 0].mean() > blue[:, 2].mean() + 20  # BGR: blue over red
    assert white.mean() > 235
    assert patterned.std(axis=0).mean() > 5 * blue.std(axis=0).mean()  # stripes and dots, not a plain wall


def test_shadow_darkens_one_side_of_the_face(shoot):
    def sides(image):
        (box,) = faces(image)
        top, right, bottom, left = (int(v / SCALE) for v in box)
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        mid = (left + right) // 2
        return grey[top:bottom, left:mid].mean(), grey[top:bottom, mid:right].mean()

    left_even, right_even = sides(shoot(preset="good"))
    left, right = sides(shoot(preset="shadow"))
    assert abs(left_even - right_even) < 0.15 * right_even
    assert left < 0.6 * right
