"""The station's delivery sender as a process of its own, for the tests that kill it (`python -c`): the
opening below, then the test's own lines (queue something, send until nothing waits). Arguments: the store's
folder, the PKI's folder, the CERT's URL, then the test's own."""

PRELUDE = """
import json, random, sys, uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from enrollment.store import FileKeyProvider, Store
from enrollment.store.dossiers import now_utc
from sync import CertClient, HandoverRecord, OutboxSettings, OutboxWorker, TransportSettings
from sync.delivery_queue import DeliveryQueue
from devstation.agent_keys import KeyFileAgent

store_dir, pki, url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
store = Store(store_dir / "store.db", FileKeyProvider(store_dir / "store.key"))
client = CertClient(TransportSettings(base_url=url, trust_anchor=pki / "cert-ca.pem",
                                      client_cert=pki / "station.pem", client_key=pki / "station.key"))
# No backoff: every failure is retried at once, so only a kill stops the sender.
worker = OutboxWorker(store, client, OutboxSettings(base_delay_s=0.0, max_delay_s=0.0), trust_anchor_pem=b"",
                      rng=random.Random(0))
queue = DeliveryQueue(store, client, worker.backoff_s, timedelta(hours=24))
"""
