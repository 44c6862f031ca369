"""A simulated network printer speaking AppSocket (HP JetDirect, TCP port 9100 on real printers): each
connection carries one job, its bytes as the printer received them, and closes. CUPS's `socket` backend
sends to it, so the station prints through the real CUPS stack; most office printers print PDF sent this
way as is.

Control ops (over the simulated device link): `jobs` (how many arrived, and where the last one was saved),
`offline` (the printer stops answering: connections are refused, as a printer switched off) and `online`.
"""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path
from typing import Any

from hw_mocks.protocol import OpHandler

log = logging.getLogger(__name__)

MAX_JOB = 64 * 1024 * 1024


class SocketPrinterSim:
    name = "printer"

    def __init__(self, port: int = 0, out_dir: Path | None = None, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, port
        self.out_dir = out_dir
        self.jobs: list[bytes] = []
        self._saved: list[str] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._bind()  # the port is known (and reserved) from the start, like the other simulated devices

    def ops(self) -> dict[str, OpHandler]:
        return {}

    def control_ops(self) -> dict[str, OpHandler]:
        return {"jobs": self.jobs_op, "offline": self.offline, "online": self.online}

    @property
    def uri(self) -> str:
        """The CUPS device URI of this printer."""
        return f"socket://{self.host}:{self.port}"

    def jobs_op(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return {"count": len(self.jobs), "last": self._saved[-1] if self._saved else "",
                    "online": self._listener is not None}

    def offline(self, args: dict[str, Any]) -> dict[str, Any]:
        self.close()
        return {"online": False}

    def online(self, args: dict[str, Any]) -> dict[str, Any]:
        if self._listener is None:
            self._bind()
            self.start()
        return {"online": True}

    def _bind(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(4)
        self.port = listener.getsockname()[1]
        self._listener = listener

    def start(self) -> None:
        if self._listener is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._serve, args=(self._listener,), name="hw-mocks-printer",
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(2.0)

    def _serve(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed: the printer is off
            threading.Thread(target=self._receive, args=(conn,), daemon=True).start()

    def _receive(self, conn: socket.socket) -> None:
        chunks, size = [], 0
        with conn:
            conn.settimeout(30.0)
            try:
                while size <= MAX_JOB:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
            except OSError:
                return  # a job cut off is not printed
        data = b"".join(chunks)
        if not data:
            return  # CUPS's backend probes the port with an empty connection
        with self._lock:
            self.jobs.append(data)
            number = len(self.jobs)
            if self.out_dir is not None:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                path = self.out_dir / f"job-{number:03d}.{'pdf' if data.startswith(b'%PDF') else 'prn'}"
                path.write_bytes(data)
                self._saved.append(str(path))
        log.info("printer: job %d received (%d bytes)", number, len(data))
