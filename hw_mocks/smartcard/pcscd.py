"""A private pcscd with one vpcd virtual reader, for the demo and the tests.

Why not just the system pcscd: the tests must not depend on it (it may be missing, stopped, or already
holding a real reader), and the demo must not need root to edit /etc/reader.conf.d. A private daemon is
started with its own reader.conf.d (the vpcd driver listening on a chosen TCP port) and its own socket.

pcsc-lite's *client* library reads PCSCLITE_CSOCK_NAME to find the daemon's socket, but pcscd 1.9 itself
ignores it: its socket and pid file are fixed at build time under /run/pcscd. So the daemon runs in a
private mount namespace (`unshare --mount`, plus `--user --map-root-user` when we are not root) where our
own folder is bind-mounted on /run/pcscd; outside, the socket appears as `<dir>/run/pcscd/pcscd.comm`,
which is what the station (or the test process) must export as PCSCLITE_CSOCK_NAME before it first
touches pyscard. The system pcscd, if any, is never disturbed.

The vpcd driver opens two slots, on `port` and `port + 1`; our emulated card always uses the first one
("Virtual PCD 00 00").
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_VPCD_PORT = 0x8C7B  # 35963, vsmartcard's default
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
START_WAIT_S = 10.0

# Inside the namespace: put our folder where pcscd expects its socket, then become pcscd. /run/pcscd may
# not exist on a machine whose system pcscd never ran; then a bind of our whole run/ on /run does it.
_SHELL = (
    'if [ -d /run/pcscd ]; then mount --bind "$1/pcscd" /run/pcscd; else mount --bind "$1" /run; fi'
    ' && exec pcscd --foreground -c "$2"'
)


class PcscdError(RuntimeError):
    """The private pcscd could not be started (missing package, no namespace rights...)."""


def reader_conf(port: int) -> str:
    """The reader.conf.d entry making vpcd listen on `port` (DEVICENAME and CHANNELID carry it in hex)."""
    return (
        'FRIENDLYNAME "Virtual PCD"\n'
        f"DEVICENAME   /dev/null:0x{port:04X}\n"
        f"LIBPATH      {VPCD_DRIVER}\n"
        f"CHANNELID    0x{port:04X}\n"
    )


def free_vpcd_port() -> int:
    """A port p with p and p + 1 both free on loopback (vpcd takes both)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65535 and _free(port) and _free(port + 1):
            return port
    raise PcscdError("no two consecutive free TCP ports")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


class PrivatePcscd:
    """pcscd with a vpcd reader on `vpcd_port`, its files in `folder`; `start()` waits until it serves."""

    def __init__(self, folder: Path, vpcd_port: int = DEFAULT_VPCD_PORT, *, readers: bool = True) -> None:
        self.folder = Path(folder)
        self.vpcd_port = vpcd_port
        self.readers = readers  # False: a daemon with no reader at all (the "reader unplugged" case)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        """The value for PCSCLITE_CSOCK_NAME in any process that should talk to this daemon."""
        return self.folder / "run" / "pcscd" / "pcscd.comm"

    @property
    def log_path(self) -> Path:
        return self.folder / "pcscd.log"

    def command(self) -> list[str]:
        for tool in ("unshare", "pcscd"):
            if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
                raise PcscdError(f"{tool} not found (install pcscd and vsmartcard-vpcd: installer/setup-dev.sh)")
        namespace = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user",
                                                                      "--mount"]
        conf = self.folder / "reader.conf.d"
        return [*namespace, "sh", "-c", _SHELL, "sh", str(self.folder / "run"), str(conf)]

    def start(self) -> None:
        if self.readers and not VPCD_DRIVER.exists():
            raise PcscdError(f"{VPCD_DRIVER} not found (install vsmartcard-vpcd)")
        conf = self.folder / "reader.conf.d"
        conf.mkdir(parents=True, exist_ok=True)
        for old in conf.iterdir():
            old.unlink()
        if self.readers:
            (conf / "vpcd").write_text(reader_conf(self.vpcd_port))
        self.socket_path.parent.mkdir(parents=True, exist_ok=True)
        self.socket_path.unlink(missing_ok=True)
        (self.socket_path.parent / "pcscd.pid").unlink(missing_ok=True)
        env = dict(os.environ, PATH=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
        with open(self.log_path, "ab") as out:
            self._process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=out,
                                             stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_WAIT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise PcscdError(f"pcscd exited with {self._process.returncode}; see {self.log_path}")
            if self.socket_path.exists() and (not self.readers or not _free(self.vpcd_port)):
                log.info("private pcscd up: socket %s, vpcd port %d", self.socket_path, self.vpcd_port)
                return
            time.sleep(0.05)
        self.stop()
        raise PcscdError(f"pcscd did not start within {START_WAIT_S:g} s; see {self.log_path}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()  # `sh` has exec'd pcscd, so this is pcscd itself: it cleans up on SIGTERM
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None
