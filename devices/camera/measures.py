"""Image measures the camera's self-check reports, and the limits it judges them by (one table).

These judge the *device* (is it plugged, delivering at its rate, exposed, in focus), not the photo: the
ICAO/ISO photo checks live in enrollment/face/. A failing measure here means "look at the camera"
(lens covered, lamp off, focus ring turned), so the limits are wide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# name: (value, source). Engineering limits, no norm gives these numbers; each was set against the
# virtual camera's presets (hw-mocks `camera scene --preset ...`) at 1280×720 and 640×480:
# "good" scores mean 164-196, clipping < 0.1 %, focus 250-490; "dark" mean ~50; "overexposed" 80 %
# clipped; "blurred" (sigma 6 px) focus 10-28; a blur of 2 px already falls to ~35.
LIMITS: dict[str, tuple[float, str]] = {
    "luminance_min": (70.0, "below: lens covered or light off (virtual camera 'dark' preset: ~50)"),
    "luminance_max": (220.0, "above: washed out (virtual 'overexposed': ~220 with 80 % clipped)"),
    "clipped_max_percent": (20.0, "share of pixels at 0-5 or 250-255; a lit face scene clips < 1 %"),
    "focus_min": (60.0, "variance of the Laplacian, 640 px wide, centre half; sharp 250+, soft < 40"),
    "rate_min_ratio": (0.6, "measured/configured frame rate; below, the live preview visibly stutters"),
}


def limit(name: str) -> float:
    return LIMITS[name][0]


@dataclass(frozen=True)
class Exposure:
    mean: float  # mean luminance, 0-255
    clipped_percent: float  # share of pixels crushed to black or burnt to white

    @property
    def too_dark(self) -> bool:
        return self.mean < limit("luminance_min")

    @property
    def too_bright(self) -> bool:
        return self.mean > limit("luminance_max") or self.clipped_percent > limit("clipped_max_percent")


def exposure(image: np.ndarray) -> Exposure:
    grey = _grey(image)
    clipped = np.count_nonzero((grey <= 5) | (grey >= 250)) / grey.size
    return Exposure(mean=float(grey.mean()), clipped_percent=100.0 * clipped)


def focus(image: np.ndarray) -> float:
    """Variance of the Laplacian on the centre half, at a fixed 640-pixel width so that cameras of any
    resolution compare (the Laplacian grows with the pixel scale of edges)."""
    import cv2  # with the first frame measured: OpenCV is not loaded with the station

    grey = _grey(image)
    scale = 640 / grey.shape[1]
    grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = grey.shape
    centre = grey[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    return float(cv2.Laplacian(centre, cv2.CV_64F).var())


def _grey(image: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
