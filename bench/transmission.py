"""Transmission figures: upload throughput of the station's chunked upload to a real CERT service over
loopback HTTPS (mutual TLS), with the station's default chunk size.

Only the transfer is timed (announce + chunks, each chunk fsync'd by the CERT before it answers); the
commit, which opens and checks the package, is another figure's business, so the bytes need not be a
real package and the run stops before it."""

from __future__ import annotations

import hashlib
import os
import statistics
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench._packages import ingest_20_stations, seal_figures  # package.* and cert.ingest_* figures
from bench._timing import Figure
from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import OutboxItem
from installer.pki import make_test_pki
from sync.transport import CertClient, TransportSettings
from sync.upload import upload

PACKAGE_BYTES = 8 * 1024 * 1024


class _Committing(Exception):
    """Raised in place of the commit: the transfer is over."""


class _TimedClient:
    """The real client, noting when the first request leaves and when the commit would."""

    def __init__(self, client: CertClient) -> None:
        self.client = client
        self.started = self.finished = 0.0

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        if path.endswith("/complete"):
            self.finished = time.perf_counter()
            raise _Committing
        if not self.started:
            self.started = time.perf_counter()
        return self.client.request(method, path, **kwargs)


def upload_throughput(settings: TransportSettings, runs: int = 7) -> Figure:
    client = CertClient(settings)
    data = os.urandom(PACKAGE_BYTES)
    sha = hashlib.sha256(data).hexdigest()

    def once() -> float:
        key = str(uuid.uuid4())  # a fresh upload each run: nothing already held
        now = datetime.now(UTC)
        timed = _TimedClient(client)
        try:
            upload(timed, OutboxItem(key, key, data, sha, now, 0, now, State.QUEUED), settings.chunk_bytes)
        except _Committing:
            pass
        return PACKAGE_BYTES / 1e6 / (timed.finished - timed.started)

    try:
        once()  # first TLS handshake and server warm-up
        return ("transmission.upload_throughput_loopback",
                round(statistics.median(once() for _ in range(runs)), 1), "MB/s")
    finally:
        client.close()


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231", "Mairie de Dijon")
    cert = CertService(pki, tmp / "cert-data")
    cert.start()
    try:
        yield upload_throughput(TransportSettings(
            base_url=cert.url, trust_anchor=pki.pem("cert-ca"), client_cert=pki.pem("station"),
            client_key=pki.key("station")))
    finally:
        cert.stop()
    yield from seal_figures(pki)
    yield ingest_20_stations(pki, tmp)
