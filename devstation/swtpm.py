"""A private software TPM 2.0 (swtpm): its state in a folder the caller gives (a test's temporary folder),
its server and control sockets on free loopback ports. Never the machine's TPM, never a shared swtpm.

swtpm starts already initialised (`not-need-init`) and sends TPM2_Startup itself (`startup-clear`), so
the station reaches it exactly as it reaches /dev/tpmrm0, through the "swtpm" TCTI. `restart()` keeps the
state folder and the ports: the same TPM after a power cycle, owner seed included.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

READY_WAIT_S = 10.0


def free_port_pair() -> int:
    """A port P such that P and P + 1 were both free (swtpm wants its control socket on a second port)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
                return port
    raise RuntimeError("no two consecutive free loopback ports for swtpm")


class PrivateSwtpm:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state_dir = folder / "state"
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port_pair()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def tcti(self) -> str:
        return f"swtpm:host=127.0.0.1,port={self.port}"

    def start(self) -> None:
        binary = shutil.which("swtpm")
        if binary is None:
            raise RuntimeError("swtpm is not installed: run installer/setup-dev.sh")
        log = self.folder / "swtpm.log"
        self._process = subprocess.Popen(
            [binary, "socket", "--tpm2",
             "--server", f"type=tcp,port={self.port},bindaddr=127.0.0.1",
             "--ctrl", f"type=tcp,port={self.port + 1},bindaddr=127.0.0.1",
             "--tpmstate", f"dir={self.state_dir}",
             "--flags", "not-need-init,startup-clear",
             "--log", f"file={log},level=1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._wait_ready(log)

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _wait_ready(self, log: Path) -> None:
        # Poll the control port: a probe there sends no TPM command, so the TPM sees only the station's.
        deadline = time.monotonic() + READY_WAIT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"swtpm exited at start ({self._process.returncode}); see {log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port + 1), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"swtpm does not listen on {self.port + 1}; see {log}")
