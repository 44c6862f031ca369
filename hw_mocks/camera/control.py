"""The virtual camera: a scene that the link controls, filmed as an MJPEG stream over HTTP.

The station reads it like any network camera, with OpenCV (`devices/camera/opencv.py`), at
`http://127.0.0.1:PORT/camera.mjpg` (see docs/simulated-devices.md, "Camera"). The link only carries the
gestures around it: change the scene (pose, light, focus, backdrop, people), unplug and plug the camera
back. Frames are composed from real face photos (hw_mocks/camera/subjects.py) by compose.py.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from hw_mocks.camera.card import hold_up, print_code
from hw_mocks.camera.compose import Noise, compose
from hw_mocks.camera.scene import PRESETS, Scene, updated
from hw_mocks.camera.stream import MjpegServer
from hw_mocks.camera.subjects import Subjects
from hw_mocks.protocol import OpHandler, SimError, arg

log = logging.getLogger(__name__)

WIDTH, HEIGHT, FPS = 1280, 720, 15.0


class CameraSim:
    name = "camera"

    def __init__(self, data_dir: Path | None, port: int = 0, host: str = "127.0.0.1",
                 width: int = WIDTH, height: int = HEIGHT, fps: float = FPS) -> None:
        self.subjects = Subjects(data_dir)
        self.width, self.height, self.fps = width, height, fps
        self._scene = PRESETS["good"]
        self._lock = threading.Lock()
        self._stills: dict[tuple[Scene, int, int, int], np.ndarray] = {}
        self._card: np.ndarray | None = None  # a code held up before the camera (card.py)
        self._card_id = 0  # changes with the card, so the stills composed with the old one are not reused
        self._noise: dict[tuple[int, int], Noise] = {}
        self.stream = MjpegServer(self, host, port)

    # -- what the stream asks for ------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        with self._lock:
            return self._scene

    def still(self, width: int, height: int) -> np.ndarray:
        """The current scene without noise, composed once per scene and size (kept for the last two scenes,
        so switching back and forth between presets in a test stays instant)."""
        with self._lock:
            scene, card = self._scene, self._card
            key = (scene, width, height, self._card_id)
            cached = self._stills.get(key)
        if cached is not None:
            return cached
        image = compose(scene, self.subjects, width, height)
        if card is not None:
            image = hold_up(image, card)
        with self._lock:
            if len(self._stills) >= 4:
                self._stills.pop(next(iter(self._stills)))
            self._stills[key] = image
        return image

    def frame(self, width: int, height: int) -> np.ndarray:
        """One live frame: the still plus fresh sensor noise."""
        still = self.still(width, height)
        with self._lock:
            noise = self._noise.setdefault((width, height), Noise())
        return noise.apply(still, self.scene.noise)

    # -- link ops --------------------------------------------------------------------------------------------

    def ops(self) -> dict[str, OpHandler]:
        return {}  # the station reads the camera over HTTP, not over the link

    def control_ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "scene": self.set_scene, "unplug": self.unplug, "plug": self.plug,
                "show": self.show, "hide": self.hide}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.stream.url, "port": self.stream.port, "plugged": self.stream.serving,
                "width": self.width, "height": self.height, "fps": self.fps, "scene": self.scene.to_dict(),
                "presets": sorted(PRESETS), "clients": self.stream.clients}

    def set_scene(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._scene = updated(self._scene, args)
            scene = self._scene
        return {"scene": scene.to_dict()}

    def show(self, args: dict[str, Any]) -> dict[str, Any]:
        """Hold a code up before the camera (the camera used as a barcode reader)."""
        card = print_code(arg(args, "text", str), arg(args, "symbology", str, "QR"))
        with self._lock:
            self._card, self._card_id = card, self._card_id + 1
        return {"shown": True}

    def hide(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._card, self._card_id = None, self._card_id + 1
        return {"shown": False}

    def unplug(self, args: dict[str, Any]) -> dict[str, Any]:
        """The cable is pulled: the stream's port closes and open streams are cut."""
        self.stream.stop()
        return {"plugged": False}

    def plug(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            self.stream.start()
        except OSError as exc:
            raise SimError("camera.unavailable", f"cannot listen on port {self.stream.port}: {exc}") from exc
        return {"plugged": True, "url": self.stream.url}

    def start(self) -> None:
        """Plug the camera in. A busy port leaves it unplugged (logged) rather than failing every device:
        the station then reports the camera missing, as with a real one."""
        try:
            self.stream.start()
        except OSError as exc:
            log.error("virtual camera not started: port %d: %s", self.stream.port, exc)

    def close(self) -> None:
        self.stream.stop()
