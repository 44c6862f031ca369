"""The station opens in two steps (station/context.py): the login screen is drawn first, then the store,
the outbox and the agent CA open while the agent reaches for the card; a store that cannot be opened still
stops the station with its reason (tests/station/test_store_key.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from installer.station_config import write_station
from station import config as config_mod
from station import context
from tests.fixtures.station import station_setup

REPO_ROOT = Path(__file__).resolve().parents[2]
# What the rest of the station needs, and the login screen does not: certificates, SQLCipher, HTTPS.
REST_MODULES = ("cryptography", "sqlcipher3", "requests")

# Opens the window as `station` does, and reports what was loaded when the login screen was first painted,
# then what the header shows once the rest has opened.
CHILD = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QDeadlineTimer, QEvent, QObject
from station import config
from station.app import open_window

class PaintWatch(QObject):
    seen = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = {"opened": ctx.opened,
                         "loaded": sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules),
                         "page_is_login": window.pages.currentWidget() is window.login}
        return False

app, ctx, window = open_window(config.load(config.resolve_path(sys.argv[1])), start_outbox=False)
watch = PaintWatch()
window.login.installEventFilter(watch)
deadline = QDeadlineTimer(60_000)
while not (watch.seen and ctx.opened and window.header_outbox.text()) and not deadline.hasExpired():
    app.processEvents()
report = {"at_first_paint": watch.seen, "opened_after": ctx.opened, "outbox_line": window.header_outbox.text(),
          "store_exists": ctx.config.store_path.exists()}
window.close()
ctx.close()
print(json.dumps(report))
"""


def test_the_login_screen_is_drawn_before_the_store_and_the_outbox_open(pki, cert_service, hw_mocks, tmp_path):
    toml = write_station(station_setup(pki, cert_service.url, hw_mocks, tmp_path / "station"),
                         tmp_path / "station.toml")
    done = subprocess.run([sys.executable, "-c", CHILD, str(toml), json.dumps(REST_MODULES)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    first = report["at_first_paint"]
    assert first == {"opened": False, "loaded": [], "page_is_login": True}, first
    assert report["opened_after"] and report["store_exists"]
    assert report["outbox_line"] == "Aucun dossier en attente d'envoi."


def test_whoever_needs_the_store_before_the_second_step_gets_it_opened_then(pki, cert_service, hw_mocks, tmp_path):
    setup = station_setup(pki, cert_service.url, hw_mocks, tmp_path / "station")
    cfg = config_mod.load(write_station(setup, tmp_path / "station.toml"))
    ctx = context.open_for_login(cfg, start_outbox=False)
    try:
        assert not ctx.opened and not cfg.store_path.exists()
        assert ctx.store.dossiers.summaries() == []
        assert ctx.opened and cfg.store_path.exists()
        assert ctx.revocation.agent_ca == ctx.agent_ca
    finally:
        ctx.close()
