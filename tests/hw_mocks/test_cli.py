"""`hw-mocks` as the operator uses it: a detached background process driven from the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from hw_mocks.client import call, is_up


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hw_mocks.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.fixture
def port():
    p = _free_port()
    yield p
    if is_up(p):  # a failed test must not leave a process behind
        _cli("stop", "--port", str(p))


def test_start_status_drive_and_stop(port, pki):
    p = str(port)
    assert _cli("status", "--port", p).returncode != 0

    vpcd = str(_free_port())  # nothing listens there: the card waits for a reader, as it would
    started = _cli("start", "--port", p, "--pki", str(pki.root), "--card", "agent", "--vpcd-port", vpcd)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == f"hw-mocks listening on 127.0.0.1:{port}"
    assert is_up(port)

    status = _cli("status", "--port", p)
    assert status.returncode == 0 and "card: agent" in status.stdout and f"vpcd port {vpcd}" in status.stdout

    assert _cli("card", "remove", "--port", p).returncode == 0
    assert call("system", "info", port=port)["card"] is None
    inserted = _cli("card", "insert", "supervisor", "--port", p)
    assert inserted.returncode == 0 and "waiting for the vpcd reader" in inserted.stdout
    assert call("system", "info", port=port)["card"] == "supervisor"
    assert _cli("barcode", "scan", "2501ABCD12", "--port", p).returncode == 0
    assert call("barcode", "read", {"timeout_s": 1}, port=port)["text"] == "2501ABCD12"

    again = _cli("start", "--port", p)
    assert again.returncode == 0 and "already" in again.stdout

    stopped = _cli("stop", "--port", p)
    assert stopped.returncode == 0, stopped.stderr
    assert not is_up(port)
    assert _cli("status", "--port", p).returncode != 0


def test_commands_without_a_simulator_fail_with_a_hint(port):
    result = _cli("card", "insert", "agent", "--port", str(port))
    assert result.returncode == 1
    assert "hw-mocks start" in result.stderr


def test_foreground_stops_cleanly_on_sigterm(port, pki):
    command = [sys.executable, "-m", "hw_mocks.cli", "start", "--foreground", "--port", str(port),
               "--pki", str(pki.root)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == f"hw-mocks listening on 127.0.0.1:{port}"
        assert is_up(port)
        proc.terminate()
        assert proc.wait(15) == 0
        assert not is_up(port)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_start_with_a_private_pcscd_puts_the_card_in_its_reader(port, pki, tmp_path):
    from hw_mocks.smartcard.pcscd import free_vpcd_port

    folder = tmp_path / "pcscd"
    command = [sys.executable, "-m", "hw_mocks.cli", "start", "--foreground", "--port", str(port),
               "--pki", str(pki.root), "--card", "agent", "--vpcd-port", str(free_vpcd_port()),
               "--pcscd-dir", str(folder)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        socket_path = folder / "run" / "pcscd" / "pcscd.comm"
        assert proc.stdout.readline().strip() == f"private pcscd: export PCSCLITE_CSOCK_NAME={socket_path}"
        assert proc.stdout.readline().strip() == f"hw-mocks listening on 127.0.0.1:{port}"
        probe = ("import threading, time\n"
                 "from devices.smartcard import Pkcs11SmartCardReader\n"
                 "def run():\n"
                 "    r = Pkcs11SmartCardReader(reader_filter='Virtual PCD 00 00')\n"
                 "    for _ in range(50):\n"
                 "        if r.card_present(): break\n"
                 "        time.sleep(0.1)\n"
                 "    print(r.connect().atr)\n"
                 "t = threading.Thread(target=run); t.start(); t.join()\n")
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PCSCLITE_CSOCK_NAME": str(socket_path)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().startswith("3B88")
        proc.terminate()
        assert proc.wait(15) == 0
        assert not socket_path.exists()  # pcscd stopped with hw-mocks
    finally:
        if proc.poll() is None:
            proc.kill()
