"""The station's chunked upload against the real CERT service: real sealed packages, cuts injected on the
wire (a requests adapter between the station's session and the network) or by stopping the service."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import OutboxItem, Store
from installer.pki import PkiPaths
from installer.station_config import StationSetup, render
from station import config as config_mod
from station.context import transport_settings as station_transport_settings
from station.errors import ConfigError
from sync import CertClient, OutboxSettings, OutboxWorker, TransportSettings, seal_and_queue, verify_receipt
from sync.package import Sealer
from tests.fixtures.pki import STATION_ID

from .conftest import refused

LATER = datetime.now(UTC) + timedelta(days=1)


class Line(HTTPAdapter):
    """The network between the station and the CERT: counts the package bytes the station puts on it, and
    fails where a test says."""

    def __init__(self, cut_before_patch: int | None = None, lose_reply_of_patch: int | None = None,
                 duplicate_patches: Callable[[int], bool] = lambda n: False, lose_commit_reply: bool = False,
                 after_patch: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.cut_before_patch, self.lose_reply_of_patch = cut_before_patch, lose_reply_of_patch
        self.duplicate_patches, self.lose_commit_reply = duplicate_patches, lose_commit_reply
        self.after_patch = after_patch
        self.patches = 0
        self.sent = 0  # package bytes in PATCH bodies that reached the CERT

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:  # type: ignore[override]
        if request.method == "PATCH":
            if self.patches == self.cut_before_patch:
                raise requests.ConnectionError("line cut")
            self.patches += 1
            response = super().send(request, **kwargs)
            self.sent += len(request.body or b"")  # type: ignore[arg-type]
            if self.duplicate_patches(self.patches):  # a proxy that resent it after a slow reply
                response.close()
                response = super().send(request, **kwargs)
            if self.after_patch is not None:
                self.after_patch(self.patches)
            if self.patches == self.lose_reply_of_patch:
                raise requests.ConnectionError("reply lost")
            return response
        response = super().send(request, **kwargs)
        if self.lose_commit_reply and (request.url or "").endswith("/complete"):
            raise requests.ConnectionError("reply lost")
        return response


def _client(settings: TransportSettings, line: Line, chunk: int) -> CertClient:
    client = CertClient(replace(settings, chunk_bytes=chunk))
    client._session.mount("https://", line)  # the test's network, under the real session
    return client


@pytest.fixture
def item(store: Store, complete_dossier, sealer: Sealer, agent_signer) -> OutboxItem:
    """A complete dossier, really sealed and queued, as the outbox hands it to the client."""
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    (queued,) = store.outbox.due(LATER)
    return queued


def _chunk(item: OutboxItem, parts: int = 6) -> int:
    """A chunk size that splits this package into about `parts` chunks, whatever its sealed size."""
    return max(64, len(item.package) // parts + 1)


def _held(service: CertService, item: OutboxItem) -> list:
    return [r for r in service.received() if r.idempotency_key == item.idempotency_key]


def _check_delivered(signed, item: OutboxItem, pki: PkiPaths, service: CertService) -> None:
    receipt = verify_receipt(signed, pki.pem("cert-ca").read_bytes(), item.idempotency_key, item.package_sha256,
                             dossier_id=item.dossier_id)
    (held,) = _held(service, item)
    assert (held.dossier_number, held.receipt) == (receipt.cert_number, signed.receipt)


def test_package_in_several_chunks_becomes_one_dossier_with_a_verifiable_receipt(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    line = Line()
    signed = _client(settings, line, _chunk(item)).send(item)
    assert signed.status == 201
    assert line.patches >= 5 and line.sent == len(item.package)
    _check_delivered(signed, item, pki, cert_service)
    again = _client(settings, replay := Line(), _chunk(item)).send(item)
    assert (again.status, again.receipt, again.signature) == (200, signed.receipt, signed.signature)
    assert replay.sent == 0 and len(_held(cert_service, item)) == 1


def test_a_cut_after_some_chunks_resumes_at_the_cert_offset(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item)
    cut = Line(cut_before_patch=3)
    err = refused(_client(settings, cut, chunk).send, item)
    assert (err.code, err.retryable) == ("cert.unreachable", True)
    assert cut.sent == 3 * chunk and _held(cert_service, item) == []
    rest = Line()
    signed = _client(settings, rest, chunk).send(item)
    assert rest.sent == len(item.package) - 3 * chunk  # only what the CERT did not hold
    _check_delivered(signed, item, pki, cert_service)


def test_a_chunk_whose_reply_was_lost_is_not_sent_again(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item)
    assert refused(_client(settings, Line(lose_reply_of_patch=2), chunk).send, item).retryable
    rest = Line()
    signed = _client(settings, rest, chunk).send(item)
    assert rest.sent == len(item.package) - 2 * chunk  # the CERT kept chunk 2; the station never saw it did
    _check_delivered(signed, item, pki, cert_service)


def test_the_cert_stopped_mid_upload_then_back_keeps_what_it_had(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item)
    outage = Line(after_patch=lambda n: cert_service.stop() if n == 2 else None)
    err = refused(_client(settings, outage, chunk).send, item)
    assert (err.code, err.retryable) == ("cert.unreachable", True)
    cert_service.start()
    rest = Line()
    signed = _client(settings, rest, chunk).send(item)
    assert rest.sent == len(item.package) - 2 * chunk
    _check_delivered(signed, item, pki, cert_service)


def test_a_chunk_delivered_twice_is_resynchronised_from_the_cert_offset(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    line = Line(duplicate_patches=lambda n: n == 2)
    signed = _client(settings, line, _chunk(item)).send(item)
    assert line.sent == len(item.package)  # the station followed the CERT instead of resending chunk 2
    _check_delivered(signed, item, pki, cert_service)


def test_an_offset_that_keeps_moving_gives_up_for_now_in_french(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item, parts=20)
    err = refused(_client(settings, Line(duplicate_patches=lambda n: True), chunk).send, item)
    assert (err.code, err.retryable) == ("cert.upload_out_of_step", True)
    assert "désynchronisé" in err.message and "automatiquement" in err.message
    signed = _client(settings, Line(), chunk).send(item)  # a calm line: the next attempt finishes
    _check_delivered(signed, item, pki, cert_service)


def test_commit_retried_after_a_lost_reply_returns_the_same_receipt(
    item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item)
    assert refused(_client(settings, Line(lose_commit_reply=True), chunk).send, item).retryable
    (held,) = _held(cert_service, item)  # the CERT did commit
    retry = Line()
    signed = _client(settings, retry, chunk).send(item)
    assert (signed.status, signed.receipt) == (200, held.receipt)
    assert retry.sent == 0
    _check_delivered(signed, item, pki, cert_service)


def test_outbox_worker_finishes_an_upload_cut_in_a_previous_round(
    store: Store, item: OutboxItem, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    chunk = _chunk(item)
    line = Line(cut_before_patch=2)
    worker = OutboxWorker(store, _client(settings, line, chunk), OutboxSettings(),
                          trust_anchor_pem=pki.pem("cert-ca").read_bytes(), rng=random.Random(3))
    assert worker.run_once(now=LATER) == 0
    assert store.outbox.status().last_error_code == "cert.unreachable"
    line.cut_before_patch = None
    assert worker.run_once(now=LATER + timedelta(days=1)) == 1
    assert store.dossiers.state_of(item.dossier_id) is State.PURGED
    assert line.sent == len(item.package)  # across both rounds, each byte once
    assert len(_held(cert_service, item)) == 1


@pytest.mark.parametrize(("kib", "ok"), [(16, True), (4096, True), (8, False), (8192, False)])
def test_chunk_size_is_configured_in_kib_within_bounds(kib: int, ok: bool, pki: PkiPaths, tmp_path: Path) -> None:
    setup = StationSetup(station_id=STATION_ID, mairie_insee="21231", mairie_name="Mairie de Dijon",
                         data_dir=tmp_path / "data", cert_url="https://127.0.0.1:8443", pki=pki)
    path = tmp_path / "station.toml"
    path.write_text(render(setup).replace("[cert]\n", f"[cert]\nupload_chunk_kib = {kib}\n", 1))
    if not ok:
        with pytest.raises(ConfigError) as err:
            config_mod.load(path)
        assert "upload_chunk_kib" in err.value.message
        return
    assert station_transport_settings(config_mod.load(path)).chunk_bytes == kib * 1024
