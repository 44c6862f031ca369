"""Face-photo figures: one full still check on a 1280 × 720 frame, the preview analysis rate at 640 × 480,
the token image encode, and the peak memory of a process with the face models loaded.

The frames are real photos of the developer set (../shared/data/faces) placed on a light backdrop at the
size the counter camera sees them; medians over repeated runs, after one warm-up (model loading).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from bench._timing import median_ms
from enrollment.face import Mode, analyse, encode_jpeg

FACES = Path(__file__).resolve().parents[2] / "shared" / "data" / "faces"
SUBJECT = "deepface_img30.jpg"
BACKDROP_BGR = (226, 216, 204)


def camera_frame(width: int, height: int) -> np.ndarray:
    """The subject's head and shoulders filling ~85 % of the frame height, centred on a plain backdrop."""
    photo = cv2.imread(str(FACES / SUBJECT), cv2.IMREAD_COLOR)
    if photo is None:
        raise SystemExit(f"face set missing: {FACES / SUBJECT}")
    scale = height * 0.85 / photo.shape[0]
    photo = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)[:, :width]
    frame = np.empty((height, width, 3), np.uint8)
    frame[:] = BACKDROP_BGR
    ph, pw = photo.shape[:2]
    x0 = (width - pw) // 2
    frame[height - ph:, x0:x0 + pw] = photo
    return frame


def _peak_memory_mb() -> float:
    """maxrss of a fresh process that loads the models and runs one full check (Linux: KiB)."""
    code = ("import resource, numpy as np; from enrollment.face import analyse; from bench.face import camera_frame;"
            " analyse(camera_frame(1280, 720));"
            " print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    return round(int(out.strip().splitlines()[-1]) / 1024, 1)


def figures(tmp: Path) -> Iterator[tuple[str, float, str]]:
    still = camera_frame(1280, 720)
    analyse(still)  # warm-up: loads dlib's models
    yield "face.still_check_1280x720", median_ms(lambda: analyse(still, Mode.FULL), 15), "ms"
    preview = camera_frame(640, 480)
    per_frame = median_ms(lambda: analyse(preview, Mode.PREVIEW), 30)
    yield "face.preview_analysis_640x480", round(1000 / per_frame, 1), "frames/s"
    frame = analyse(still).frame
    yield "face.token_encode", median_ms(lambda: encode_jpeg(frame), 15), "ms"
    yield "face.peak_memory_models_loaded", _peak_memory_mb(), "MB"
