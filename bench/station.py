"""Station figures of the walking skeleton: cold start to the login screen, seal + store of a dossier,
transmission of one dossier to the CERT over loopback HTTPS (mutual TLS, receipt verified, purged)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench._station_services import station_services
from bench._timing import Figure
from devstation.agent_keys import KeyFileAgent
from devstation.factories import complete_dossier
from devstation.simulated_devices import HwMocks
from enrollment.model import State
from enrollment.store import FileKeyProvider, Store
from station import config as config_mod
from station.context import load_sealer, open_store, outbox_worker, transport_settings
from sync.package import Sealer, seal_and_queue
from sync.transport import CertClient


def median_of(measure: Callable[[], float], runs: int) -> float:
    """Median of `runs` measurements, each timing only the part that matters (set-up excluded)."""
    return round(statistics.median(measure() for _ in range(runs)), 1)


def cold_start(config_path: Path, runs: int = 5) -> list[Figure]:
    """Start to the login screen, then login screen to the biometric engines loaded in the background (the
    agent inserts the card and types the PIN meanwhile; a capture before it would wait for the rest)."""
    warmups: list[float] = []

    def once() -> float:
        started = time.time()
        out = subprocess.run([sys.executable, "-m", "bench.cold_start", str(config_path)], check=True,
                             capture_output=True, text=True).stdout
        login, engines = (float(line) for line in out.strip().splitlines()[-2:])
        warmups.append((engines - login) * 1000)
        return (login - started) * 1000

    return [("station.cold_start_to_login", median_of(once, runs), "ms"),
            ("station.login_to_engines_loaded", round(statistics.median(warmups), 1), "ms")]


def seal_and_store(tmp: Path, sealer: Sealer, agent: KeyFileAgent, runs: int = 20) -> Figure:
    """Sign + encrypt + one store transaction, for the small test dossier (package.seal_typical_dossier
    times the sealing of a typical one alone)."""
    key = FileKeyProvider(tmp / "bench.key")
    key.create()
    store = Store(tmp / "seal.db", key)

    def once() -> float:
        d = complete_dossier()
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        t = time.perf_counter()
        seal_and_queue(store, d.id, sealer, agent)
        return (time.perf_counter() - t) * 1000

    try:
        return ("dossier.seal_and_store", median_of(once, runs), "ms")
    finally:
        store.close()


def transmission(cfg: config_mod.Config, agent: KeyFileAgent, runs: int = 10) -> Figure:
    store = open_store(cfg)
    sealer = load_sealer(cfg)
    worker = outbox_worker(cfg, store, CertClient(transport_settings(cfg)))

    def once() -> float:
        d = complete_dossier()
        d.state = State.COMPLETE
        store.dossiers.save_draft(d)
        seal_and_queue(store, d.id, sealer, agent)
        t = time.perf_counter()
        worker.run_once()
        elapsed = (time.perf_counter() - t) * 1000
        assert store.dossiers.state_of(d.id) is State.PURGED, "the CERT did not acknowledge the dossier"
        return elapsed

    try:
        once()  # first TLS connection and server warm-up are not what an agent waits for each time
        return ("transmission.one_dossier_loopback", median_of(once, runs), "ms")
    finally:
        store.close()


def card_login(cfg: config_mod.Config, mocks: HwMocks, runs: int = 7) -> list[Figure]:
    """Card pushed into the reader → session open, the PIN typed the instant the field allows it: what the
    station adds to the agent's own gestures (detection, PIN check on the card, signature, chain, CRL)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from devstation.scenario import wait_until
    from station import context
    from station.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    ctx = context.build(cfg, start_outbox=False)
    ctx.refresh_revocation()
    window = MainWindow(ctx)
    window.show()

    removals: list[float] = []

    def once() -> float:
        t = time.perf_counter()
        mocks.insert_card("agent")
        wait_until(window.login.pin.isEnabled, 10, "card detected")
        window.login.pin.setText("1234")
        window.login.submit()
        wait_until(lambda: ctx.session is not None, 10, "session open")
        elapsed = (time.perf_counter() - t) * 1000
        # The card leaves mid-session: time until the station has locked (the draft saved, login shown).
        t = time.perf_counter()
        mocks.remove_card(wait=False)
        wait_until(lambda: ctx.session is None and window.pages.currentWidget() is window.login, 10, "lock")
        removals.append((time.perf_counter() - t) * 1000)
        window.logout()
        ctx.devices.smartcard.worker.submit(lambda: None).result()  # the card session is closed
        # The emulator keeps a slot empty for 0.5 s after a removal (as a hand swapping cards would, see
        # hw_mocks/smartcard/vpcd_card.py); the next insertion is timed from an empty reader, as at the counter.
        time.sleep(0.7)
        return elapsed

    try:
        inserted = median_of(once, runs)
        return [("auth.card_insert_to_session", inserted, "ms"),
                ("auth.card_removal_to_lock", round(statistics.median(removals), 1), "ms")]
    finally:
        window.close()
        ctx.close()
        del app


def figures(tmp: Path) -> Iterator[Figure]:
    with station_services(tmp) as station:
        path = station.config
        yield from cold_start(path)
        agent = KeyFileAgent.load(station.pki.agent_pem("agent"), station.pki.agent_key("agent"))
        yield seal_and_store(tmp, load_sealer(config_mod.load(path)), agent)
        yield transmission(config_mod.load(path), agent)
        yield from card_login(config_mod.load(path), station.mocks)
