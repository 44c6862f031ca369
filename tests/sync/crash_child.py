"""The station's sealing and sending, as a process the crash tests kill with SIGKILL (`python -m`).

It imports everything, then waits for its orders on stdin (`go <mode>`) before it opens the store, so the
parent can start it ahead (the imports take seconds), choose its mode from the store's state at that moment,
and time its kill from the moment real work begins. It writes
one progress line per step on stdout, flushed, so the parent knows where each kill landed:

    ready                  the store is open, work starts
    seal <id> / sealed <id> around each `seal_and_queue`
    sealing-done
    round <purged>         after each `OutboxWorker.run_once`
    done                   nothing left to seal or send (exit 0)
    stuck <code>           the outbox makes no progress (exit 3): a bug the parent reports

Modes: `seal` (seal every complete dossier, one by one), `send` (outbox rounds until the queue is empty),
`both` (seal, then send), `seal-hold` (seal, then wait with the store open for the parent's SIGKILL, so
nothing a clean close would do runs). The store is the parent's: `<store-dir>/store.db` and its key `store.key`.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

from devstation.agent_keys import KeyFileAgent
from enrollment.store import FileKeyProvider, Store
from enrollment.store.database import Database
from installer.pki import PkiPaths
from sync import CertClient, OutboxSettings, OutboxWorker, Sealer, TransportSettings, seal_and_queue
from sync.package import AgentSigner

STATION_ID = "DR-21231-01"  # the test PKI's station (tests/fixtures/pki.py)
CERT_AGENCY = "FRCERT21"
# Rounds in a row without a purge before the child calls itself stuck. Every round retries at once (no
# backoff here), so this is well past any resume after a kill, and short of the test's patience.
MAX_IDLE_ROUNDS = 200


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def open_store(store_dir: Path) -> Store:
    return Store(store_dir / "store.db", FileKeyProvider(store_dir / "store.key"))


def load_sealer(pki: PkiPaths) -> Sealer:
    """The same keys as the `sealer` fixture."""
    return Sealer.load(STATION_ID, CERT_AGENCY, pki.pem("station"), pki.key("station"),
                       pki.pem("cert-encryption"), pki.pem("cert-ca"))


def complete_ids(store: Store) -> list[str]:
    with store.db.reading() as conn:
        rows = conn.execute("SELECT id FROM dossiers WHERE state = 'complete' ORDER BY created_at, id").fetchall()
    return [r[0] for r in rows]


def seal_all(store: Store, sealer: Sealer, agent_signer: AgentSigner) -> None:
    for dossier_id in complete_ids(store):
        _say(f"seal {dossier_id}")
        seal_and_queue(store, dossier_id, sealer, agent_signer)
        _say(f"sealed {dossier_id}")
    _say("sealing-done")


def send_all(store: Store, pki: PkiPaths, url: str, chunk_bytes: int) -> int:
    client = CertClient(TransportSettings(
        base_url=url, trust_anchor=pki.pem("cert-ca"), client_cert=pki.pem("station"),
        client_key=pki.key("station"), connect_timeout_s=2.0, read_timeout_s=10.0, chunk_bytes=chunk_bytes))
    # No backoff: every failure is retried at the next round, so a kill is the only thing that stops it.
    worker = OutboxWorker(store, client, OutboxSettings(base_delay_s=0.0, max_delay_s=0.0),
                          trust_anchor_pem=pki.pem("cert-ca").read_bytes(), rng=random.Random(0))
    idle = 0
    try:
        while store.outbox.status().count or store.outbox.acknowledged_not_purged():
            purged = worker.run_once()
            _say(f"round {purged}")
            idle = 0 if purged else idle + 1
            if idle >= MAX_IDLE_ROUNDS:
                _say(f"stuck {store.outbox.status().last_error_code}")
                return 3
            if not purged:
                time.sleep(0.02)
    finally:
        client.close()
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sync.crash_child")
    parser.add_argument("--store-dir", type=Path, required=True)
    parser.add_argument("--pki", type=Path, required=True)
    parser.add_argument("--cert-url", default="")
    parser.add_argument("--chunk-bytes", type=int, default=16 * 1024)
    # The kill lands after each sealing transaction but before its checkpoint: the checkpoint never runs.
    parser.add_argument("--kill-before-checkpoint", action="store_true")
    args = parser.parse_args(argv)
    if args.kill_before_checkpoint:
        Database.checkpoint = lambda self: None  # type: ignore[method-assign]
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    pki = PkiPaths(args.pki)
    sealer = load_sealer(pki)
    agent_signer = KeyFileAgent.load(pki.agent_pem("agent"), pki.agent_key("agent"))
    orders = sys.stdin.readline().split()
    if not orders:  # the parent gave up before starting us
        return 0
    mode = orders[1]
    if mode not in ("seal", "send", "both", "seal-hold"):
        parser.error(f"unknown mode {mode!r}")
    store = open_store(args.store_dir)
    _say("ready")
    try:
        if mode in ("seal", "both", "seal-hold"):
            seal_all(store, sealer, agent_signer)
        if mode == "seal-hold":
            sys.stdin.readline()  # the parent kills us here
            return 0
        if mode in ("send", "both"):
            code = send_all(store, pki, args.cert_url, args.chunk_bytes)
            if code:
                return code
    finally:
        store.close()
    _say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
