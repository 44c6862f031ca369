"""Visible outbox figures: what refreshing the queue costs the GUI thread (the summary the home page, the
transmissions page and the header read), listing the waiting dossiers, and `station outbox` end to end,
with a backlog of dossiers waiting in a real SQLCipher store (a long CERT outage)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bench._timing import Figure, median_ms
from devstation.factories import complete_dossier
from enrollment.model import State
from enrollment.store import Store
from installer.pki import make_test_pki
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.context import open_store
from station.outbox_status import read_summary

BACKLOG = 200  # a day of a busy mairie's dossiers held back by an outage
PACKAGE = os.urandom(300 * 1024)  # the order of a sealed dossier's size; its bytes are never read here


def _fill(store: Store, n: int) -> None:
    digest = hashlib.sha256(PACKAGE).hexdigest()
    for i in range(n):
        # The store keeps a complete dossier only if it passes the rules; what the outbox keeps of it is,
        # as after a real sealing, the application data without the captures.
        d = complete_dossier(agent_id="AG-BENCH", birth=date(1980, 1, 1 + i % 28))
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        store.outbox.enqueue(d.id, PACKAGE, digest, d.id, kept=d.without_captures())


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-BENCH-01", "21231")
    setup = StationSetup(station_id="DR-BENCH-01", mairie_insee="21231", mairie_name="Bench",
                         data_dir=tmp / "station", cert_url="https://127.0.0.1:9", pki=pki)
    config_path = write_station(setup, tmp / "station.toml")
    cfg = config_mod.load(config_path)
    store = open_store(cfg)
    try:
        _fill(store, BACKLOG)
        yield ("outbox.summary_refresh", median_ms(lambda: read_summary(store, 240), 50), "ms")
        yield ("outbox.waiting_list", median_ms(store.outbox.waiting, 20), "ms")
    finally:
        store.close()
    env = {k: v for k, v in os.environ.items() if k != config_mod.ENV_VAR}
    command = [sys.executable, "-m", "station.cli", "--config", str(config_path), "outbox", "--json"]
    yield ("outbox.command_show", median_ms(lambda: subprocess.run(command, check=True, capture_output=True,
                                                                   env=env), 5), "ms")
    yield ("outbox.backlog", BACKLOG, "dossiers")
