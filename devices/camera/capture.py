"""The capture thread of the OpenCV camera: it reads the stream without pause and keeps the latest frame.

A camera (or an MJPEG stream) pushes frames at its own rate whether anyone reads them or not; reading
only when the station asks would hand out frames queued in buffers, seconds old. So one thread per
camera grabs continuously, and `read_frame()` returns the newest at once. The same thread reopens the
source after an unplug or a lost stream, retrying with a capped backoff, until the driver is closed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

from devices.camera.model import Frame

if TYPE_CHECKING:
    import cv2

log = logging.getLogger(__name__)

OPEN_TIMEOUT_MS = 5000  # FFMPEG: give up connecting to a network source after this
READ_TIMEOUT_MS = 3000  # FFMPEG: a stream silent this long is lost
RETRY_S = (0.2, 2.0)  # reopen backoff: first wait, cap
RATE_WINDOW = 30  # frames over which the delivered frame rate is measured


def parse_source(source: str) -> int | str:
    """A device index ("0" is /dev/video0) or a URL/path handed to FFMPEG."""
    return int(source) if source.strip().isdigit() else source


def describe(source: str) -> str:
    """The source for logs: never the URL itself (it may carry a password: rtsp://user:pass@...)."""
    parsed = parse_source(source)
    if isinstance(parsed, int):
        return f"device {parsed}"
    return source.split(":", 1)[0] + " stream" if "://" in source else "file"


class FrameGrabber:
    """Owns the cv2.VideoCapture; every public method is safe to call from any thread."""

    def __init__(self, source: str, width: int, height: int, fps: float) -> None:
        self.source = source
        self.width, self.height, self.fps = width, height, fps
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._seq = 0
        self._live = False  # a frame arrived since the last (re)open
        self._attempts = 0  # opens tried since the last live period
        self._arrivals: deque[float] = deque(maxlen=RATE_WINDOW)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="camera-capture", daemon=True)
        self._thread.start()

    # -- what the driver asks --------------------------------------------------------------------------------

    @property
    def live(self) -> bool:
        with self._cond:
            return self._live

    @property
    def attempts(self) -> int:
        with self._cond:
            return self._attempts

    def latest(self) -> Frame | None:
        with self._cond:
            return self._latest

    def wait_frame(self, after_seq: int, timeout_s: float) -> Frame | None:
        """The first frame newer than `after_seq`, waiting up to `timeout_s`; None if none came."""
        with self._cond:
            self._cond.wait_for(lambda: self._seq > after_seq or self._stop.is_set(), timeout_s)
            return self._latest if self._seq > after_seq else None

    def wait_attempt(self, timeout_s: float) -> None:
        """Wait until the thread has tried to open the source at least once (or got a frame)."""
        with self._cond:
            self._cond.wait_for(lambda: self._attempts > 0 or self._live or self._stop.is_set(), timeout_s)

    def measured_fps(self) -> float:
        with self._cond:
            times = list(self._arrivals)
        if len(times) < 2 or times[-1] <= times[0]:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    # -- the thread ------------------------------------------------------------------------------------------

    def _run(self) -> None:
        delay = RETRY_S[0]
        while not self._stop.is_set():
            cap = self._open()
            if cap is not None:
                got_frames = self._pump(cap)
                cap.release()
                if got_frames and not self._stop.is_set():
                    delay = RETRY_S[0]
                    log.warning("camera stream lost", extra={"event": "camera.lost", "code": "camera.lost"})
            with self._cond:
                self._live = False
                self._attempts += 1
                self._cond.notify_all()
            self._stop.wait(delay)
            delay = min(delay * 2, RETRY_S[1])

    def _open(self) -> cv2.VideoCapture | None:
        import cv2  # on the grabber's thread, when the camera is first opened: not with the station

        source = parse_source(self.source)
        if isinstance(source, int):
            cap = cv2.VideoCapture(source)
            # Ask the device for the configured mode; MJPG lets USB 2 cameras reach 720p at full rate.
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            cap.set(cv2.CAP_PROP_FPS, self.fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        else:
            # A stream's size and rate are the sender's; the timeouts turn a dead peer into a failed read.
            cap = cv2.VideoCapture(source, cv2.CAP_FFMPEG, [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, OPEN_TIMEOUT_MS,
                                                            cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS])
        if not cap.isOpened():
            cap.release()
            return None
        return cap

    def _pump(self, cap: cv2.VideoCapture) -> bool:
        got = False
        while not self._stop.is_set():
            ok, image = cap.read()
            if not ok or image is None:
                return got
            now = time.time()
            with self._cond:
                if not got:
                    log.info("camera stream live", extra={"event": "camera.live", "code": describe(self.source)})
                got = True
                self._seq += 1
                self._latest = Frame(image=image, timestamp=now, sequence=self._seq)
                self._live = True
                self._attempts = 0
                self._arrivals.append(time.monotonic())
                self._cond.notify_all()
        return got
