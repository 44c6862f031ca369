"""The reference CERT service as a real subprocess on loopback (HTTPS, client certificates required).

Tests stop and restart it to simulate an outage; a restart reuses the port and the data folder, so the
station sees the same CERT come back with everything it had received."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from cert.storage import ReceivedDossier, Storage
from cert.updates.repository import UpdateRepository
from installer.pki import PkiPaths

from .reference_sets import publish_initial

REPO_ROOT = Path(__file__).resolve().parents[1]
READY_PREFIX = "cert-server listening on "


class CertService:
    def __init__(self, pki: PkiPaths, data_dir: Path, port: int = 0, start_timeout_s: float = 20.0,
                 clock_offset_s: float = 0.0,
                 reference_sets: tuple[str, ...] = ("rules",)) -> None:
        self.pki = pki
        self.clock_offset_s = clock_offset_s  # the CERT's clock as its heartbeat replies tell it, shifted
        # Published at first start (devstation/reference_sets.py). The trust list and the COG are left to the
        # tests that want them: a station would otherwise install them at its start, over the trust list a
        # test writes, and fetch and parse 380 kB of COG.
        self.reference_sets = reference_sets
        self.data_dir = data_dir
        self.port = port  # 0 until the first start picks a free one
        self.start_timeout_s = start_timeout_s
        self.log_path = data_dir / "cert-server.log"
        self._proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("the CERT service has not been started yet")
        return f"https://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server process (tests read its memory in /proc/<pid>/status)."""
        if self._proc is None:
            raise RuntimeError("the CERT service is not running")
        return self._proc.pid

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        publish_initial(self.pki, self.data_dir, self.reference_sets)
        if not self.updates.initialised:  # the operator's `cert-server release init`, done once per data folder
            self.updates.init()
        cmd = [sys.executable, "-m", "cert.cli", "run", "--pki", str(self.pki.root),
               "--data-dir", str(self.data_dir), "--host", "127.0.0.1", "--port", str(self.port),
               "--clock-offset-seconds", str(self.clock_offset_s)]
        log = self.log_path.open("a")
        self._proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        log.close()
        lines: queue.Queue[str | None] = queue.Queue()
        # Drains stdout for the life of the process, so a chatty server can never block on a full pipe.
        threading.Thread(target=_pump, args=(self._proc, lines), daemon=True).start()
        try:
            line = lines.get(timeout=self.start_timeout_s)
        except queue.Empty:
            line = None
        if line is None or not line.startswith(READY_PREFIX):
            self.stop()
            raise RuntimeError(f"cert-server did not start:\n{self.log_path.read_text()}")
        self.port = int(line.rsplit(":", 1)[1])

    @property
    def updates(self) -> UpdateRepository:
        """The signed releases' repository in the data folder (its keys too: a test set-up, not custody)."""
        return UpdateRepository(self.data_dir)

    def received(self) -> list[ReceivedDossier]:
        """What the CERT holds, read from its database (a second connection; SQLite WAL allows it)."""
        storage = Storage(self.data_dir)
        try:
            return storage.all()
        finally:
            storage.close()

    def stop(self) -> None:
        """SIGTERM, as a service manager would; kill only if it does not stop in time."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def kill(self) -> None:
        """SIGKILL, as a power cut or the OOM killer would: no shutdown, requests in flight cut mid-way.
        Safe to call from another thread than the one that started the service."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        proc.kill()
        proc.wait()


def _pump(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.put(line.strip())
    lines.put(None)
