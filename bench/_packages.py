"""Package figures of the transmission family (bench/transmission.py calls them):

- `package.seal_typical_dossier`: `Sealer.seal` of a typical dossier (bench/_typical_dossier.py): dossier.json,
  the ANSI/NIST-ITL transaction, the ZIP and its signed manifest, HPKE encryption for the CERT. Median of
  20 runs after a warm-up; `package.size_typical_dossier` is the sealed package's size.
- `cert.ingest_20_stations`: 20 stations send at once, each over its own mutual-TLS session (its own
  CertClient, the station's real chunked upload), distinct pre-sealed typical packages to a real CERT
  service on loopback, which opens, checks and stores each one and signs its receipt. Dossiers per second
  of wall time from the moment all stations start to the last receipt; median of 3 runs, each on a fresh
  CERT data folder. The stations' TLS handshakes happen before the clock starts (a station keeps its
  session), and the 20 stations are threads of this process, sharing the machine's cores with the CERT.
  Each has its own certificate (DR-21231-51 … -70, issued from the test station CA): the CERT's
  per-station upload quota applies to each, as it would to twenty real stations.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench._timing import Figure, median_ms
from bench._typical_dossier import typical_dossier
from devstation.agent_keys import KeyFileAgent
from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import OutboxItem
from installer.pki import PkiPaths, issue_station
from sync.package import SealedPackage, Sealer
from sync.transport import CertClient, TransportSettings

STATION_ID = "DR-21231-01"  # the one the test PKI certifies: the sealing figures use it
MAIRIE_INSEE = "21231"
STATIONS = 20
PER_STATION = 5  # 100 dossiers per run


def sealer_of(pki: PkiPaths, name: str = "station", station_id: str = STATION_ID) -> Sealer:
    return Sealer.load(station_id, "FRCERT21", pki.pem(name), pki.key(name),
                       pki.pem("cert-encryption"), pki.pem("cert-ca"))


def _bench_stations(pki: PkiPaths) -> list[tuple[str, str]]:
    """(certificate name in the PKI folder, station id) of each simulated station, issued once."""
    stations = [(f"bench-station-{i}", f"DR-21231-{51 + i}") for i in range(STATIONS)]
    for name, station_id in stations:
        if not pki.pem(name).exists():
            issue_station(pki, name, station_id, MAIRIE_INSEE, "Mairie de Dijon")
    return stations


def agent_of(pki: PkiPaths, card: str = "agent") -> KeyFileAgent:
    """The agent's signature from the key file (the card's own time is the smartcard.* figures')."""
    return KeyFileAgent.load(pki.agent_pem(card), pki.agent_key(card))


def seal_figures(pki: PkiPaths, runs: int = 20) -> list[Figure]:
    sealer, dossier, agent = sealer_of(pki), typical_dossier(), agent_of(pki)
    size_kb = round(len(sealer.seal(dossier, agent).data) / 1024, 1)  # also the warm-up
    return [("package.seal_typical_dossier", median_ms(lambda: sealer.seal(dossier, agent), runs), "ms"),
            ("package.size_typical_dossier", size_kb, "KB")]


def _item(sealed: SealedPackage) -> OutboxItem:
    now = datetime.now(UTC)
    return OutboxItem(sealed.idempotency_key, sealed.idempotency_key, sealed.data, sealed.sha256, now, 0, now,
                      State.QUEUED)


def _settings(url: str, pki: PkiPaths, name: str) -> TransportSettings:
    return TransportSettings(base_url=url, trust_anchor=pki.pem("cert-ca"), client_cert=pki.pem(name),
                             client_key=pki.key(name))


def _one_run(url: str, pki: PkiPaths, batches: list[list[OutboxItem]], names: list[str]) -> float:
    clients = [CertClient(_settings(url, pki, name)) for name in names]
    if not all(c.health() for c in clients):
        raise SystemExit("the CERT service did not answer its health check")
    start = threading.Barrier(len(batches) + 1)
    refused: list[str] = []

    def station(client: CertClient, items: list[OutboxItem]) -> None:
        start.wait()
        for item in items:
            try:
                status = client.send(item).status
            except Exception as exc:  # noqa: BLE001 - any failure voids the figure, reported below
                refused.append(type(exc).__name__)
                continue
            if status != 201:
                refused.append(f"status {status}")

    threads = [threading.Thread(target=station, args=(c, b)) for c, b in zip(clients, batches, strict=True)]
    for t in threads:
        t.start()
    start.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    for c in clients:
        c.close()
    if refused:
        raise SystemExit(f"the CERT refused {len(refused)} dossiers: {sorted(set(refused))}")
    return sum(len(b) for b in batches) / elapsed


def ingest_20_stations(pki: PkiPaths, tmp: Path, runs: int = 3) -> Figure:
    stations, dossier = _bench_stations(pki), typical_dossier()
    # Sealed before any clock, each by its station: every dossier a distinct id, hence a distinct package
    # and idempotency key.
    batches = []
    for name, station_id in stations:
        sealer = sealer_of(pki, name, station_id)
        batches.append([_item(sealer.seal(dossier.model_copy(update={"id": str(uuid.uuid4())}), agent_of(pki)))
                        for _ in range(PER_STATION)])
    rates = []
    for run in range(runs):
        data_dir = tmp / f"ingest-{run}"
        cert = CertService(pki, data_dir)
        cert.start()
        try:
            rates.append(_one_run(cert.url, pki, batches, [name for name, _ in stations]))
            held = len(cert.received())
        finally:
            cert.stop()
            shutil.rmtree(data_dir, ignore_errors=True)
        if held != STATIONS * PER_STATION:
            raise SystemExit(f"the CERT holds {held} dossiers, not {STATIONS * PER_STATION}")
    return ("cert.ingest_20_stations", round(statistics.median(rates), 1), "dossiers/s")
