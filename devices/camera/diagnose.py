"""Camera self-check: frames arrive at the configured size, at the configured rate, well exposed, in focus.

Details are catalogue text filled with numbers only; the frames themselves never leave this function.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from devices import strings
from devices.camera import measures
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    import numpy as np

    from devices.camera.driver import Camera

RATE_SAMPLE_S = 1.0  # frames are counted over this long
POLL_S = 0.005


def diagnose_camera(camera: Camera) -> Diagnosis:
    """Frames arrive at the configured size and rate, and show something (the camera is judged against the
    frame size it was configured for)."""
    expected = camera.expected()
    last: list[np.ndarray] = []

    def stream() -> str:
        image = camera.read_frame().image
        last.append(image)
        h, w = image.shape[:2]
        if expected is not None and (w, h) != (expected.width, expected.height):
            raise DeviceError("camera.frame_size", strings.check(
                "camera.frame_size", width=w, height=h, expected=f"{expected.width}×{expected.height}"))
        return strings.check("camera.frame", width=w, height=h)

    def rate() -> str:
        seen: set[int] = set()
        start = time.monotonic()
        while time.monotonic() - start < RATE_SAMPLE_S:
            frame = camera.read_frame()
            seen.add(frame.sequence)
            time.sleep(POLL_S)
        last.append(frame.image)
        fps = max(0, len(seen) - 1) / RATE_SAMPLE_S
        if expected is not None and fps < measures.limit("rate_min_ratio") * expected.fps:
            raise DeviceError("camera.slow", strings.check("camera.slow", fps=f"{fps:.1f}",
                                                           expected=f"{expected.fps:g}"))
        return strings.check("camera.rate", fps=f"{fps:.1f}")

    def exposure() -> str:
        e = measures.exposure(last[-1])
        fields = {"mean": f"{e.mean:.0f}", "clipped": f"{e.clipped_percent:.1f}"}
        if e.too_dark:
            raise DeviceError("camera.too_dark", strings.check("camera.too_dark", **fields))
        if e.too_bright:
            raise DeviceError("camera.too_bright", strings.check("camera.too_bright", **fields))
        return strings.check("camera.exposure", **fields)

    def focus() -> str:
        value = measures.focus(last[-1])
        if value < measures.limit("focus_min"):
            raise DeviceError("camera.blurry", strings.check("camera.blurry", focus=f"{value:.0f}",
                                                             minimum=f"{measures.limit('focus_min'):.0f}"))
        return strings.check("camera.focus", focus=f"{value:.0f}")

    steps = [("stream", stream), ("rate", rate), ("exposure", exposure), ("focus", focus)]
    return run_steps(camera.kind, camera.implementation, steps)
