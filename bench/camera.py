"""Camera figures: frames per second the OpenCV driver gets from the virtual camera's MJPEG stream (the
stream in its own process, as in the demo), at 640×480 and 1280×720 asking 15 and 30 frames/s; and the
virtual camera's cost per frame (noise + JPEG) and per scene change (full composition)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from devices.camera import OpenCvCamera
from hw_mocks.camera.compose import compose
from hw_mocks.camera.control import CameraSim
from hw_mocks.camera.scene import PRESETS, Scene
from hw_mocks.camera.stream import encode
from hw_mocks.data import resolve_data_dir

Figure = tuple[str, float, str]
SAMPLE_S = 4.0
RUNS = 3

# Runs the virtual camera alone in a child process and prints its URL; stops when stdin closes.
_STREAM = """
import sys
from hw_mocks.camera.control import CameraSim
from hw_mocks.data import resolve_data_dir
cam = CameraSim(resolve_data_dir(None))
cam.start()
print(cam.stream.url, flush=True)
sys.stdin.read()
cam.close()
"""


def _driver_fps(url: str, width: int, height: int, fps: int) -> float:
    camera = OpenCvCamera(f"{url}?width={width}&height={height}&fps={fps}", width, height, fps)

    def count() -> float:
        camera.read_frame()  # connected, first frame in
        seen: set[int] = set()
        start = time.monotonic()
        while time.monotonic() - start < SAMPLE_S:
            seen.add(camera.read_frame().sequence)
            time.sleep(0.002)
        return (len(seen) - 1) / SAMPLE_S

    try:
        with ThreadPoolExecutor(1) as pool:  # driver methods refuse the main thread
            return pool.submit(count).result(120)
    finally:
        camera.close()


def stream_figures() -> Iterator[Figure]:
    child = subprocess.Popen([sys.executable, "-c", _STREAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None
        url = child.stdout.readline().strip()
        for width, height in ((640, 480), (1280, 720)):
            for fps in (15, 30):
                value = statistics.median(_driver_fps(url, width, height, fps) for _ in range(RUNS))
                yield f"camera.driver_fps_{width}x{height}_at_{fps}", round(value, 1), "frames/s"
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(20)


def composition_figures() -> Iterator[Figure]:
    sim = CameraSim(resolve_data_dir(None))
    for width, height in ((640, 480), (1280, 720)):
        sim.frame(width, height)  # subjects cut out, still composed, noise bank drawn

        def frame_ms(w: int, h: int) -> float:
            t = time.perf_counter()
            encode(sim.frame(w, h))
            return (time.perf_counter() - t) * 1000

        value = statistics.median(frame_ms(width, height) for _ in range(50))
        yield f"camera.sim_frame_{width}x{height}", round(value, 2), "ms"
    scenes = [PRESETS["good"], Scene(yaw=20.0, shadow=0.5, blur=1.0), PRESETS["two-people"]]
    for scene in scenes:
        compose(scene, sim.subjects, 1280, 720)  # subjects loaded once

    def compose_ms(scene: Scene) -> float:
        t = time.perf_counter()
        compose(scene, sim.subjects, 1280, 720)
        return (time.perf_counter() - t) * 1000

    for name, scene in zip(("good", "turned_shadow_blur", "two_people"), scenes, strict=True):
        value = statistics.median(compose_ms(scene) for _ in range(10))
        yield f"camera.sim_compose_1280x720_{name}", round(value, 1), "ms"


def figures(tmp: Path) -> Iterator[Figure]:
    yield from composition_figures()
    yield from stream_figures()
