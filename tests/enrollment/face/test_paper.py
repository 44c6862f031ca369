"""Paper photo on the scanner: real photos printed at 35 × 45 mm, laid crooked (or upside down) on a white
A4 page scanned at 300 dpi, are found, straightened and checked like any photo."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from enrollment.errors import EnrollmentError
from enrollment.face import analyse, extract_paper_photo, face_photo
from enrollment.face.detection import detect_faces

from .images import face

A4_300DPI = (3508, 2480)


def print_of(name: str) -> np.ndarray:
    """The photo as a booth prints it: the framed 413 × 531 image (35 × 45 mm at 300 dpi)."""
    photo = face_photo(analyse(face(name)), "file")
    return cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)


def page_with(print_: np.ndarray, angle: float, at: tuple[int, int] = (900, 1200)) -> np.ndarray:
    page = np.full((*A4_300DPI, 3), 248, np.uint8)
    h, w = print_.shape[:2]
    side = int(np.hypot(h, w)) + 4
    tile = np.full((side, side, 3), 248, np.uint8)
    y0, x0 = (side - h) // 2, (side - w) // 2
    tile[y0:y0 + h, x0:x0 + w] = print_
    m = cv2.getRotationMatrix2D((side / 2, side / 2), angle, 1.0)
    tile = cv2.warpAffine(tile, m, (side, side), borderValue=(248, 248, 248))
    page[at[1]:at[1] + side, at[0]:at[0] + side] = tile
    return page


@pytest.mark.parametrize("name, angle", [("deepface_img30.jpg", 9), ("deepface_img62.jpg", -14),
                                         ("deepface_img30.jpg", 185)])
def test_a_crooked_print_is_found_straightened_and_checked(name, angle):
    crop = extract_paper_photo(page_with(print_of(name), angle))
    h, w = crop.shape[:2]
    assert h > w and abs(w / h - 35 / 45) < 0.03
    lm = detect_faces(crop)[0].landmarks
    assert lm[27:31, 1].mean() < lm[48:68, 1].mean()  # upright: the eyes above the mouth
    report = analyse(crop)
    assert report.check("face_found").passed and report.check("roll").passed
    assert report.check("eye_distance").passed


def test_an_empty_glass_says_where_to_put_the_print():
    with pytest.raises(EnrollmentError) as err:
        extract_paper_photo(np.full((*A4_300DPI, 3), 248, np.uint8))
    assert err.value.code == "photo.paper_not_found"
