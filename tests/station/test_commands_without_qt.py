"""The technician's terminal commands open no window, so they load no Qt: they stay quick to start, and
keep working on a station whose display stack is what is broken, which is when a technician needs them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from devstation.cert_service import REPO_ROOT
from installer.station_config import write_station
from tests.fixtures.station import station_setup

# Runs one `station` command as the console script does, then says whether Qt got loaded on the way.
RUN_AND_REPORT = """
import sys
from station.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("Qt loaded" if "PySide6" in sys.modules else "no Qt", file=sys.stderr)
"""

COMMANDS = [
    ["--help"],
    ["check-config"],
    ["diagnose"],  # every device, the station certificate and the store key
    ["diagnose", "card", "--json"],
    ["outbox", "--json"],
    ["outbox", "flush"],
    ["audit", "verify"],
    ["renew-certificate"],
    ["check-2ddoc", "../shared/data/fingers/fvc2002db1b_101_1.png"],  # a page with no 2D-Doc on it
    ["twoddoc-trust", "show"],
    ["communes", "search", "Saint-Martin", "33"],
    ["finger-verify", "--enrolled", "../shared/data/fingers/fvc2002db1b_101_1.png",
     "--presented", "../shared/data/fingers/fvc2002db1b_101_3.png"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_terminal_command_loads_no_qt(command, pki, hw_mocks, tmp_path) -> None:
    # The CERT is unreachable (port 9): the commands that call it fail in French, still without Qt.
    setup = station_setup(pki, "https://127.0.0.1:9", hw_mocks, tmp_path / "station")
    config = write_station(setup, tmp_path / "station.toml")
    done = subprocess.run([sys.executable, "-c", RUN_AND_REPORT, "--config", str(config), *command],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.stderr.splitlines()[-1] == "no Qt", done.stderr
