"""Fleet figures: one heartbeat to the reference CERT over mutual TLS (gathered, sent, kept, the skew
measured), and what the support bundle spends rebuilding a full rotated log file from its allow-list."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._timing import Figure, median_ms
from devstation.cert_service import CertService
from enrollment.store import FileKeyProvider, Store
from installer.pki import make_test_pki
from station.commands.support_bundle import redacted_logs
from sync import CertClient, OutboxSettings, OutboxWorker, TransportSettings
from sync.heartbeat import ClockWatch, DeviceHealth, HeartbeatQueue, StationFacts

FACTS = StationFacts("0.1.0", [DeviceHealth(k, "simulated", "ready", True, None)
                               for k in ("camera", "fingerprint", "signature_pad", "barcode", "printer")],
                     10 * 1024**3, None, None, None)
LOG_BYTES = 5_000_000  # `[logging] max_bytes`: one full file before rotation


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-BENCH-01", "21231")
    service = CertService(pki, tmp / "cert")
    service.start()
    keys = FileKeyProvider(tmp / "station" / "store.key")
    keys.create()
    store = Store(tmp / "station" / "store.db", keys)
    client = CertClient(TransportSettings(service.url, pki.pem("cert-ca"), pki.pem("station"), pki.key("station")))
    try:
        worker = OutboxWorker(store, client, OutboxSettings(), trust_anchor_pem=b"", rng=random.Random(1))
        queue = HeartbeatQueue(store, client, lambda: FACTS, ClockWatch(tmp / "clock.json"), timedelta(minutes=15),
                               120, worker.backoff_s)

        def beat() -> None:
            queue.retry_now(datetime.now(UTC))
            queue.run_once(datetime.now(UTC))

        yield ("fleet.heartbeat", median_ms(beat, 20), "ms")
    finally:
        client.close()
        store.close()
        service.stop()

    logs = tmp / "logs"
    logs.mkdir()
    line = json.dumps({"time": "2026-12-05T10:00:00.000+00:00", "level": "INFO", "logger": "sync.outbox",
                       "message": "dossier acknowledged and purged", "event": "sync.acknowledged",
                       "dossier_id": "0b7e3c52-8d1f-4a7e-9c1d-2f3a4b5c6d7e", "code": "21-2026-000001",
                       "status": 201, "attempt": 1, "duration_ms": 412})
    (logs / "station.log").write_text((line + "\n") * (LOG_BYTES // (len(line) + 1)), encoding="utf-8")
    yield ("fleet.support_bundle_log_5mb", median_ms(lambda: redacted_logs(logs), 3), "ms")
