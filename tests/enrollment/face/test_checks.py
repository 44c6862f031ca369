"""Each named check, passing on a near-compliant real photo and failing on a real photo or a controlled
degradation that shows the fault. Where a degradation is applied, the test also shows that it is *that*
check which fails, so a check cannot pass the suite by failing on everything."""

from __future__ import annotations

import numpy as np
import pytest

from enrollment.errors import EnrollmentError
from enrollment.face import Mode, analyse
from enrollment.face.checks import ORDER

from .images import (
    blurred,
    face,
    one_sided_shadow,
    rotated,
    scaled_levels,
    side_by_side,
)


def failing(image: np.ndarray, mode: Mode = Mode.FULL) -> set[str]:
    return {c.name for c in analyse(image, mode).failing}


def test_the_near_compliant_photo_passes_every_check_with_measured_values():
    report = analyse(face())
    assert [c.name for c in report.checks] == list(ORDER)
    assert report.passed, [(c.name, c.value, c.limit) for c in report.failing]
    assert all(c.value is not None and c.limit for c in report.checks)
    assert report.frame is not None and report.frame.shape == (531, 413, 3)


def test_every_failing_check_tells_the_agent_what_to_do_in_french():
    report = analyse(blurred(face(), 5))
    [sharp] = [c for c in report.failing if c.name == "sharpness"]
    assert sharp.instruction.startswith("Photo floue")
    assert report.check("face_found").instruction == ""


@pytest.mark.parametrize("name, expected", [
    ("insightface_view.jpg", "face_found"),  # a landscape: no face
    ("dlib_dogs.jpg", "face_found"),  # animal faces are not faces
    ("deepface_couple.jpg", "other_person"),
    ("insightface_close_eyes.jpeg", "eyes_open"),
    ("deepface_img50.jpg", "mouth_closed"),  # broad toothy smile
    ("insightface_left_face.jpeg", "yaw"),  # near profile
    ("insightface_lower_face.jpeg", "pitch"),  # head pitched down
    ("deepface_img11.jpg", "roll"),  # head tilted
    ("deepface_img20.jpg", "background_plain"),  # concrete wall
    ("deepface_img12.jpg", "background_light"),  # saturated blue studio backdrop
    ("deepface_img13.jpg", "background_not_white"),  # white cut-out
    ("facenet_paul_rudd_1.jpg", "in_frame"),  # crown cut by the top edge
    ("facenet_paul_rudd_1.jpg", "head_size"),  # too close: no room to frame the head at 71–80 %
    ("insightface_Rob_Lowe_0002.jpg", "eye_distance"),  # 250 × 250 source
    ("insightface_blur.jpg", "sharpness"),  # motion blur at night
    ("deepface_img24.jpg", "shadow"),
])
def test_real_photos_fail_the_check_that_names_their_fault(name, expected):
    assert expected in failing(face(name))


def test_no_face_reports_only_presence_not_a_list_of_unmeasurable_checks():
    report = analyse(face("insightface_view.jpg"))
    assert [c.name for c in report.checks] == ["face_found", "other_person"]
    assert not report.passed and report.frame is None


def test_blur_fails_sharpness_only():
    assert failing(blurred(face(), 4)) == {"sharpness"}


def test_roll_fails_only_beyond_the_limit():
    assert "roll" not in failing(rotated(face(), 4))
    assert "roll" in failing(rotated(face(), 15))


def test_darkening_fails_exposure_and_flat_light_fails_contrast():
    assert "exposure" in failing(scaled_levels(face(), 0.3))
    flat = failing(scaled_levels(face(), 0.25, pivot=128))
    assert "contrast" in flat and "exposure" not in flat


def test_one_sided_shadow_fails_the_shadow_check():
    image = face()
    box = analyse(image).face_box
    centre = (box[0] + box[2]) // 2
    assert "shadow" in failing(one_sided_shadow(image, centre, 0.6))


def test_white_backdrop_is_refused_but_the_light_wall_is_not():
    image = face()
    report = analyse(image)
    assert report.check("background_not_white").passed
    # Lift the backdrop to white: the light wall (and only it: skin and hair are darker) becomes 252.
    wall = image.min(axis=2) > 185
    image[wall] = 252
    assert "background_not_white" in failing(image)


def test_a_crop_cutting_the_head_fails_in_frame():
    image = face()
    left, top, right, bottom = analyse(image).face_box
    assert "in_frame" in failing(image[top + (bottom - top) // 6:, :])


def test_a_face_against_the_edge_cannot_be_centred():
    image = face()
    left, top, right, bottom = analyse(image).face_box
    result = failing(image[:, max(0, left - (right - left) // 10):])
    assert "head_centred" in result and "in_frame" not in result


def test_two_faces_side_by_side_fail_other_person():
    report = analyse(side_by_side(face(), face("deepface_img62.jpg")))
    assert report.check("other_person").value == 1.0
    assert not report.check("other_person").passed and report.check("face_found").passed


def test_a_downscaled_source_fails_eye_distance_even_though_the_frame_is_full_size():
    small = face()[::3, ::3].copy()
    report = analyse(small)
    assert report.frame.shape == (531, 413, 3)
    assert not report.check("eye_distance").passed


def test_preview_mode_reaches_the_same_verdicts():
    for image in (face(), blurred(face(), 4), rotated(face(), 15), face("insightface_close_eyes.jpeg")):
        assert failing(image, Mode.PREVIEW) == failing(image, Mode.FULL)


def test_not_an_image_is_refused_with_the_domain_error():
    with pytest.raises(EnrollmentError) as err:
        analyse(np.zeros((20, 20, 3), np.uint8))
    assert err.value.code == "photo.unreadable"
