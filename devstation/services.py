"""Starts and stops the stand-ins a demo station talks to (the simulated devices and the reference CERT
service) as separate processes, through their published command lines, as an operator would start them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

# The Python that runs the stand-ins' administration commands (`cert-server`, `hw-mocks`): this one, except in
# the packaged demo (devstation/packaged_demo.py), a frozen station whose sys.executable is the station
# itself; there the test names the source tree's Python, where the services run.
TOOLS_PYTHON_VAR = "RECUEIL_DEMO_TOOLS_PYTHON"


def tools_python() -> str:
    return os.environ.get(TOOLS_PYTHON_VAR) or sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_port_pair() -> int:
    """A port p with p + 1 free too: vpcd opens a reader on each."""
    for _ in range(50):
        p = free_port()
        if p < 65535:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p + 1))
                except OSError:
                    continue
            return p
    raise RuntimeError("no two consecutive free TCP ports on loopback")


def wait_for_port(port: int, timeout_s: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[2]} exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{process.args[2]} did not open port {port} within {timeout_s:.0f} s")


class Service:
    def __init__(self, module: str, args: list[str], port: int, log_path: Path) -> None:
        self.port = port
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *args], stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        wait_for_port(port, 30, self.process)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def start_hw_mocks(pki_dir: Path, port: int, log_dir: Path, pcscd_dir: Path, vpcd_port: int,
                   usb_port: int, camera_port: int | None = None, scanner_port: int | None = None,
                   printer_port: int | None = None, printer_out: Path | None = None,
                   sbi_port: int | None = None) -> Service:
    """The simulated devices, and a private pcscd with the vpcd reader the emulated agent card plugs into.
    This process then talks to that pcscd: PCSCLITE_CSOCK_NAME must be set before any PC/SC call."""
    os.environ["PCSCLITE_CSOCK_NAME"] = str(pcscd_dir / "run" / "pcscd" / "pcscd.comm")
    return Service("hw_mocks.cli", ["start", "--foreground", "--port", str(port), "--pki", str(pki_dir),
                                    "--pcscd-dir", str(pcscd_dir), "--vpcd-port", str(vpcd_port),
                                    "--usb-port", str(usb_port),
                                    # The virtual camera's MJPEG stream (default 47801).
                                    *(["--camera-port", str(camera_port)] if camera_port else []),
                                    # The document scanner's eSCL service (default: a free port).
                                    *(["--scanner-port", str(scanner_port)] if scanner_port else []),
                                    # The network printer (AppSocket), and where it keeps what it prints.
                                    *(["--printer-port", str(printer_port)] if printer_port else []),
                                    *(["--printer-out", str(printer_out)] if printer_out else []),
                                    # The SBI devices: the first port tried (default 4501).
                                    *(["--sbi-port", str(sbi_port)] if sbi_port else [])],
                   port, log_dir / "hw-mocks.log")


def start_cert_server(pki_dir: Path, data_dir: Path, port: int, log_dir: Path) -> Service:
    """The reference CERT; its update repository is made first if the data folder has none (the operator's
    `cert-server release init`: keys and all, a test set-up)."""
    from cert.updates.repository import UpdateRepository

    repository = UpdateRepository(data_dir)
    if not repository.initialised:
        repository.init()
    return Service("cert.cli", ["run", "--pki", str(pki_dir), "--data-dir", str(data_dir), "--port", str(port)],
                   port, log_dir / "cert-server.log")


def cert_server_command(*args: str) -> str:
    """Run a `cert-server` administration command (the CERT operator's side) and return its stdout."""
    return subprocess.run([tools_python(), "-m", "cert.cli", *args], check=True, capture_output=True,
                          text=True).stdout


def hw_mocks_command(port: int, *args: str) -> None:
    subprocess.run([tools_python(), "-m", "hw_mocks.cli", *args, "--port", str(port)], check=True,
                   stdout=subprocess.DEVNULL)
