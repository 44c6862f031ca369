"""The stored photo: 35 × 45 mm at 300 dpi placed from the eyes, JPEG under the chip's limit, with its
metadata; the override rules; the dossier cannot be sealed with an unaccepted failing check."""

from __future__ import annotations

from datetime import date

import cv2
import numpy as np
import pytest

from devstation.factories import complete_dossier
from enrollment.errors import EnrollmentError
from enrollment.face import (
    DEFAULT_THRESHOLDS,
    FacePhoto,
    OverrideReason,
    analyse,
    encode_jpeg,
    face_photo,
    with_override,
)
from enrollment.face.detection import detect_faces
from enrollment.face.geometry import LEFT_EYE, RIGHT_EYE
from enrollment.validation import validate

from .images import blurred, face, rotated


def eyes(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lm = detect_faces(image)[0].landmarks
    return lm[RIGHT_EYE].mean(axis=0), lm[LEFT_EYE].mean(axis=0)


@pytest.mark.parametrize("tilt", [0, 6])
def test_the_frame_puts_the_eyes_level_centred_and_where_iso_puts_them(tilt):
    photo = face_photo(analyse(rotated(face(), tilt)), "file")
    image = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert (photo.width, photo.height) == (413, 531) == (image.shape[1], image.shape[0])
    left, right = eyes(image)
    assert abs(left[1] - right[1]) < 3  # level, whatever the head's tilt in the source
    mid = (left + right) / 2
    assert abs(mid[0] - 413 / 2) / 413 < 0.03  # centred
    assert 0.50 <= (531 - mid[1]) / 531 <= 0.70  # ISO/IEC 19794-5 §8.3.3: eye line 50–70 % up
    assert np.linalg.norm(right - left) >= 90  # ISO/IEC 19794-5 full frontal minimum


def test_the_jpeg_fits_the_chip_limit_and_carries_its_metadata():
    photo = face_photo(analyse(face()), "camera")
    assert len(photo.jpeg) <= DEFAULT_THRESHOLDS.max_jpeg_bytes
    assert photo.jpeg.startswith(b"\xff\xd8")
    assert photo.source == "camera" and photo.dpi == 300 and photo.jpeg_quality >= 50
    assert {c.name for c in photo.checks} >= {"eyes_open", "sharpness", "background_not_white"}
    assert photo.failing == [] and photo.unresolved == []


def test_the_framed_photo_passes_the_checks_again():
    photo = face_photo(analyse(face()), "file")
    again = analyse(cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR))
    assert again.passed, [(c.name, c.value) for c in again.failing]


def test_an_image_too_busy_for_the_limit_is_refused_rather_than_ruined():
    noise = np.random.default_rng(1).integers(0, 255, (531, 413, 3), dtype=np.uint8)
    with pytest.raises(EnrollmentError) as err:
        encode_jpeg(noise)
    assert err.value.code == "photo.too_large"


def test_a_failing_photo_blocks_the_dossier_until_accepted_with_a_reason():
    photo = face_photo(analyse(blurred(face(), 4)), "camera")
    assert photo.unresolved == ["sharpness"]
    dossier = complete_dossier()
    dossier.photo = photo
    [problem] = [p for p in validate(dossier, date(2025, 1, 1)) if p.step == "photo"]
    assert problem.code == "photo.noncompliant" and "netteté" in problem.message

    with pytest.raises(EnrollmentError):
        with_override(photo, "", "", "AG-0001")  # no reason
    with pytest.raises(EnrollmentError) as err:
        with_override(photo, OverrideReason.OTHER, "  ", "AG-0001")  # "other" needs words
    assert err.value.code == "photo.override_note"

    accepted = with_override(photo, OverrideReason.MEDICAL, "", "AG-0001")
    assert accepted.override.checks == ["sharpness"] and accepted.override.agent_id == "AG-0001"
    dossier.photo = accepted
    assert not [p for p in validate(dossier, date(2025, 1, 1)) if p.step == "photo"]
    # The override travels with the dossier (store and CERT package serialise the dossier as JSON).
    again = type(dossier).from_json(dossier.to_json())
    assert again.photo.override.reason is OverrideReason.MEDICAL and again.photo.unresolved == []


def test_a_photo_stored_before_the_checks_existed_still_loads():
    old = FacePhoto.model_validate_json(
        '{"jpeg": "/9j/4AA=", "width": 413, "height": 531, "source": "camera",'
        ' "captured_at": "2024-05-01T10:00:00Z"}')
    assert old.checks == [] and old.override is None and old.unresolved == []
