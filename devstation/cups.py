"""A private CUPS scheduler for the demo and the tests: its own configuration, spool and logs in a folder,
listening only on a Unix socket in it, never the system's cupsd (which may be missing, or hold real queues).

Queues are added by name with a device URI; the demo's and the tests' is hw-mocks' network printer
(`socket://127.0.0.1:PORT`, raw: the PDF goes to the printer as the station sent it). The station reaches
the scheduler with `cups_server = "<folder>/cups.sock"`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
START_WAIT_S = 10.0

_CUPSD_CONF = """\
Listen {sock}
LogLevel warn
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
"""

_FILES_CONF = """\
ServerRoot {root}/etc
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/tmp
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
"""


class CupsdError(RuntimeError):
    """The private cupsd could not start (CUPS not installed, the folder not writable...)."""


class PrivateCupsd:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.socket_path = self.folder / "cups.sock"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> PrivateCupsd:
        if not Path(CUPSD).exists():
            raise CupsdError(f"{CUPSD} is missing: install Debian's cups package (installer/setup-dev.sh)")
        shutil.rmtree(self.folder, ignore_errors=True)
        for sub in ("etc", "spool", "cache", "state", "tmp", "log"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        # The backends run as the lp user: the folder must be reachable by it (so not under a private one).
        self.folder.chmod(0o755)
        (self.folder / "tmp").chmod(0o1777)  # the backends run as the lp user
        (self.folder / "etc" / "cupsd.conf").write_text(_CUPSD_CONF.format(sock=self.socket_path))
        (self.folder / "etc" / "cups-files.conf").write_text(_FILES_CONF.format(root=self.folder))
        self._process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(self.folder / "etc" / "cupsd.conf"), "-s",
             str(self.folder / "etc" / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=(self.folder / "log" / "stderr").open("wb"))
        deadline = time.monotonic() + START_WAIT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise CupsdError(f"cupsd exited ({self._process.returncode}): see {self.folder / 'log'}")
            if self._answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise CupsdError(f"cupsd did not answer on {self.socket_path} within {START_WAIT_S:g} s")

    def _answers(self) -> bool:
        if not self.socket_path.exists():
            return False
        with socket.socket(socket.AF_UNIX) as s:
            try:
                s.connect(str(self.socket_path))
            except OSError:
                return False
        return True

    def add_queue(self, name: str, device_uri: str) -> str:
        """A raw queue named `name` sending to `device_uri`, enabled and accepting jobs."""
        import cups

        connection = cups.Connection(host=str(self.socket_path))
        connection.addPrinter(name, device=device_uri, info=name)
        connection.enablePrinter(name)
        connection.acceptJobs(name)
        return name

    def remove_queue(self, name: str) -> None:
        import cups

        try:
            cups.Connection(host=str(self.socket_path)).deletePrinter(name)
        except (cups.IPPError, RuntimeError):
            pass  # already gone, or the scheduler stopped first

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cups_available() -> bool:
    return Path(CUPSD).exists() and os.access(CUPSD, os.X_OK)
