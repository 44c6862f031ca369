"""The virtual camera's video output: MJPEG over HTTP, as IP cameras and `ffmpeg -f mpjpeg` serve it.

    GET /camera.mjpg[?width=W&height=H&fps=F]   multipart/x-mixed-replace; boundary=frame, one JPEG a part
    GET /camera.jpg[?width=W&height=H]          one frame

OpenCV's FFMPEG backend reads the stream with `cv2.VideoCapture("http://127.0.0.1:PORT/camera.mjpg")`
(the mpjpeg demuxer; checked by tests/devices/test_camera_opencv.py). Each (size, rate) has one producer
thread, started by its first viewer and ended with its last, so an idle hw-mocks costs no CPU and two
viewers of one size share the work. A slow viewer skips frames rather than queueing them, like a camera.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import cv2

if TYPE_CHECKING:
    from hw_mocks.camera.control import CameraSim

log = logging.getLogger(__name__)

BOUNDARY = b"frame"
JPEG_QUALITY = 85
LIMITS = {"width": (16, 4096), "height": (16, 4096), "fps": (1.0, 60.0)}


class _Channel:
    """The frames of one (width, height, fps): the latest JPEG and its sequence number."""

    def __init__(self, camera: CameraSim, width: int, height: int, fps: float) -> None:
        self.camera, self.width, self.height, self.fps = camera, width, height, fps
        self.cond = threading.Condition()
        self.seq = 0
        self.jpeg = b""
        self.viewers = 0
        self._thread: threading.Thread | None = None

    def join(self) -> None:
        with self.cond:
            self.viewers += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"camera-{self.width}x{self.height}",
                                                daemon=True)
                self._thread.start()

    def leave(self) -> None:
        with self.cond:
            self.viewers -= 1

    def next_after(self, seq: int, timeout_s: float) -> tuple[int, bytes] | None:
        with self.cond:
            if not self.cond.wait_for(lambda: self.seq > seq or self._thread is None, timeout_s):
                return None
            return (self.seq, self.jpeg) if self.seq > seq else None

    def _run(self) -> None:
        period = 1.0 / self.fps
        tick = time.monotonic()
        while True:
            with self.cond:
                if self.viewers <= 0:
                    self._thread = None
                    self.cond.notify_all()
                    return
            try:
                jpeg = encode(self.camera.frame(self.width, self.height))
            except Exception:  # a composition bug must not end the stream silently
                log.exception("virtual camera: frame failed")
                jpeg = self.jpeg
            with self.cond:
                self.seq += 1
                self.jpeg = jpeg
                self.cond.notify_all()
            # Keep the rate over time: sleep to the next tick, skip ticks missed by a slow composition.
            tick += period
            now = time.monotonic()
            if tick < now:
                tick = now
            time.sleep(tick - now)


def encode(frame: Any) -> bytes:
    ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return jpeg.tobytes()


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        log.debug("camera stream: " + format, *args)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path not in ("/camera.mjpg", "/camera.jpg"):
            self.send_error(404, "try /camera.mjpg or /camera.jpg")
            return
        try:
            width, height, fps = self._params(url.query)
        except ValueError as exc:
            self.send_error(400, str(exc))
            return
        channel = self.server.owner.channel(width, height, fps)
        self.server.owner.track(self.connection, add=True)
        channel.join()
        try:
            if url.path == "/camera.jpg":
                self._snapshot(channel)
            else:
                self._stream(channel)
        except OSError:
            pass  # the viewer went away, or the camera was unplugged
        finally:
            channel.leave()
            self.server.owner.track(self.connection, add=False)

    def _params(self, query: str) -> tuple[int, int, float]:
        q = {k: v[-1] for k, v in parse_qs(query).items()}
        cam = self.server.owner.camera
        values = {"width": q.get("width", cam.width), "height": q.get("height", cam.height),
                  "fps": q.get("fps", cam.fps)}
        out: dict[str, float] = {}
        for name, raw in values.items():
            value = float(raw)
            low, high = LIMITS[name]
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low:g} and {high:g}")
            out[name] = value
        return int(out["width"]), int(out["height"]), out["fps"]

    def _snapshot(self, channel: _Channel) -> None:
        got = channel.next_after(channel.seq, 10.0)
        if got is None:
            self.send_error(503, "no frame")
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(got[1])))
        self.end_headers()
        self.wfile.write(got[1])

    def _stream(self, channel: _Channel) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY.decode()}")
        self.send_header("Cache-Control", "no-cache, no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        seq = channel.seq
        while not self.server.owner.stopping.is_set():
            got = channel.next_after(seq, 5.0)
            if got is None:
                continue
            seq, jpeg = got
            self.wfile.write(b"--%s\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % (BOUNDARY, len(jpeg))
                             + jpeg + b"\r\n")
            self.wfile.flush()


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], owner: MjpegServer) -> None:
        self.owner = owner
        super().__init__(address, _Handler)


class MjpegServer:
    """The HTTP side of the camera. `stop()` is the cable pulled out, `start()` plugged back (same port)."""

    def __init__(self, camera: CameraSim, host: str = "127.0.0.1", port: int = 0) -> None:
        self.camera = camera
        self.host = host
        self.port = port  # 0 until the first start picks a free one; kept for later restarts
        self.stopping = threading.Event()
        self._server: _HttpServer | None = None
        self._channels: dict[tuple[int, int, float], _Channel] = {}
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/camera.mjpg"

    @property
    def serving(self) -> bool:
        return self._server is not None

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._connections)

    def channel(self, width: int, height: int, fps: float) -> _Channel:
        with self._lock:
            key = (width, height, fps)
            if key not in self._channels:
                self._channels[key] = _Channel(self.camera, width, height, fps)
            return self._channels[key]

    def track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def start(self) -> None:
        with self._lock:
            if self._server is not None:
                return
            self.stopping.clear()
            server = _HttpServer((self.host, self.port), self)
            self.port = server.server_address[1]
            self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="camera-http",
                         daemon=True).start()
        log.info("virtual camera streaming at %s", self.url)

    def stop(self) -> None:
        with self._lock:
            server, self._server = self._server, None
            conns = list(self._connections)
        if server is None:
            return
        self.stopping.set()
        server.shutdown()
        server.server_close()
        for conn in conns:  # cut the open streams, as an unplugged camera does
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
