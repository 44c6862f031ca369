"""The outbox worker end to end: real SQLCipher store, real HTTPS CERT service in a subprocess.

Faults are injected where they happen: the service is stopped (network outage), the reply is altered on
its way in (a wrapper around the real client), or the station "crashes" between two store steps."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from cert.receipts import ReceiptSigner
from devstation.cert_service import CertService
from enrollment.errors import StoreError
from enrollment.model import State
from enrollment.store import OutboxItem, Store
from installer.pki import PkiPaths
from sync import (
    CertClient,
    OutboxSettings,
    OutboxWorker,
    SignedReceipt,
    TransportSettings,
    seal_and_queue,
    verify_receipt,
)
from sync.package import Sealer

LATER = datetime.now(UTC) + timedelta(days=1)  # a `now` at which every backoff has expired


def _worker(store: Store, client, pki: PkiPaths, **settings) -> OutboxWorker:
    return OutboxWorker(store, client, OutboxSettings(**settings),
                        trust_anchor_pem=pki.pem("cert-ca").read_bytes(), rng=random.Random(7))


def _assert_purged(store: Store, dossier_id: str, service: CertService) -> None:
    assert store.dossiers.state_of(dossier_id) is State.PURGED
    with pytest.raises(StoreError):
        store.dossiers.load(dossier_id)  # the personal data is gone
    receipt = store.outbox.receipt(dossier_id)
    assert receipt is not None
    held = [r for r in service.received() if r.idempotency_key == dossier_id]
    assert len(held) == 1, "the CERT must hold exactly one copy"
    assert receipt.cert_number == held[0].dossier_number
    assert receipt.receipt == held[0].receipt


class Tamper:
    """The real client, with the reply altered after it arrives."""

    def __init__(self, client: CertClient, alter) -> None:
        self.client, self.alter = client, alter

    def send(self, item: OutboxItem) -> SignedReceipt:
        return self.alter(self.client.send(item))


def _flip_signature(signed: SignedReceipt) -> SignedReceipt:
    sig = bytearray(signed.signature)
    sig[-1] ^= 0x01
    return replace(signed, signature=bytes(sig))


def test_queued_dossier_is_sent_acknowledged_and_purged(
    sealer: Sealer, agent_signer,
    store: Store, complete_dossier, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    assert store.dossiers.state_of(d.id) is State.QUEUED
    assert _worker(store, CertClient(settings), pki).run_once() == 1
    _assert_purged(store, d.id, cert_service)
    assert store.outbox.status().count == 0
    assert store.dossiers.summaries()[0].cert_number == store.outbox.receipt(d.id).cert_number


def test_outage_keeps_dossier_queued_then_sends_it_once(
    sealer: Sealer, agent_signer,
    store: Store, complete_dossier, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    cert_service.stop()
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    worker = _worker(store, CertClient(settings), pki)
    t0 = datetime.now(UTC)
    assert worker.run_once(now=t0) == 0
    assert store.dossiers.state_of(d.id) is State.QUEUED
    status = store.outbox.status()
    assert status.count == 1 and status.last_error_code == "cert.unreachable"
    assert "injoignable" in status.last_error_message and "file d'attente" in status.last_error_message
    assert store.dossiers.load(d.id).civil.surname == "DUPONT"  # still on the station
    assert store.outbox.due(t0) == []  # not due again before its backoff
    cert_service.start()
    assert worker.run_once(now=LATER) == 1
    _assert_purged(store, d.id, cert_service)
    assert worker.run_once(now=LATER) == 0
    assert len(cert_service.received()) == 1


def test_reply_lost_after_cert_stored_it_resends_to_same_dossier(
    sealer: Sealer, agent_signer,
    store: Store, complete_dossier, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    client = CertClient(settings)
    (item,) = store.outbox.due(datetime.now(UTC))
    first = client.send(item)  # the CERT stored it; the station "lost power" before reading the reply
    assert first.status == 201
    assert _worker(store, client, pki).run_once() == 1
    _assert_purged(store, d.id, cert_service)
    assert store.outbox.receipt(d.id).receipt == first.receipt


@pytest.mark.parametrize("alter", ["bad_signature", "unknown_ca"])
def test_unverifiable_receipt_purges_nothing(
    alter: str, sealer: Sealer, agent_signer, store: Store, complete_dossier, settings: TransportSettings,
            pki: PkiPaths,
    other_pki: PkiPaths, cert_service: CertService,
) -> None:
    def unknown_ca(signed: SignedReceipt) -> SignedReceipt:
        forger = ReceiptSigner(other_pki.key("cert-receipt"), other_pki.pem("cert-receipt"))
        return replace(signed, signature=forger.sign(signed.receipt), certificate_pem=forger.certificate_pem)

    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    client = CertClient(settings)
    tampered = Tamper(client, _flip_signature if alter == "bad_signature" else unknown_ca)
    assert _worker(store, tampered, pki).run_once() == 0
    assert store.dossiers.state_of(d.id) is State.SENT
    assert store.dossiers.load(d.id).civil.given_names == "Jeanne"
    assert store.outbox.receipt(d.id) is None
    assert store.outbox.status().last_error_code == "receipt.invalid"
    # With an honest reply the replay is acknowledged against the same CERT dossier.
    assert _worker(store, client, pki).run_once(now=LATER) == 1
    _assert_purged(store, d.id, cert_service)


def test_crash_between_acknowledge_and_purge_is_finished_next_round(
    sealer: Sealer, agent_signer,
    store: Store, complete_dossier, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    (item,) = store.outbox.due(datetime.now(UTC))
    signed = CertClient(settings).send(item)
    store.outbox.acknowledge(verify_receipt(signed, pki.pem("cert-ca").read_bytes(), item.idempotency_key,
                                            item.package_sha256))
    assert store.outbox.acknowledged_not_purged() == [d.id]

    class Unreachable:
        def send(self, item: OutboxItem) -> SignedReceipt:
            raise AssertionError("nothing should be sent")

    assert _worker(store, Unreachable(), pki).run_once() == 1
    _assert_purged(store, d.id, cert_service)


def test_background_thread_sends_on_wake(
    sealer: Sealer, agent_signer,
    store: Store, complete_dossier, settings: TransportSettings, pki: PkiPaths, cert_service: CertService
) -> None:
    worker = _worker(store, CertClient(settings), pki, idle_poll_s=30)
    worker.start()
    try:
        time.sleep(0.2)  # the first round ran on an empty outbox; the thread now sleeps up to 30 s
        d = complete_dossier()
        seal_and_queue(store, d.id, sealer, agent_signer)
        worker.wake()
        deadline = time.monotonic() + 10
        while store.dossiers.state_of(d.id) is not State.PURGED and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    _assert_purged(store, d.id, cert_service)


def test_backoff_is_exponential_with_full_jitter(store: Store, pki: PkiPaths) -> None:
    worker = _worker(store, None, pki, base_delay_s=2, max_delay_s=300)
    for attempts, ceiling in [(0, 2), (1, 4), (3, 16), (8, 300), (50, 300)]:
        draws = [worker.backoff_s(attempts, retryable=True) for _ in range(200)]
        assert all(0 <= x <= ceiling for x in draws)
        assert max(draws) > ceiling / 2  # spread over the whole interval, not bunched at the start
    assert worker.backoff_s(0, retryable=False) == 300


ALLOWED_EXTRA = {"event", "dossier_id", "state", "code", "attempt", "duration_ms", "status", "count",
                 "station_id"}


def test_logs_carry_identifiers_only(
    sealer: Sealer, agent_signer,
    caplog: pytest.LogCaptureFixture, store: Store, complete_dossier, settings: TransportSettings,
    pki: PkiPaths, cert_service: CertService,
) -> None:
    caplog.set_level("DEBUG", logger="sync")
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    cert_service.stop()
    worker = _worker(store, CertClient(settings), pki)
    worker.run_once()
    cert_service.start()
    worker.run_once(now=LATER)
    sync_records = [r for r in caplog.records if r.name.startswith("sync")]
    events = {r.__dict__.get("event") for r in sync_records}
    assert events >= {"sync.sealed", "sync.failed", "sync.acknowledged"}
    standard = set(vars(logging.makeLogRecord({})))
    for r in sync_records:
        assert set(vars(r)) - standard - {"message", "asctime"} <= ALLOWED_EXTRA
        text = r.getMessage() + repr(vars(r))
        assert "DUPONT" not in text and "Jeanne" not in text and "1990" not in text
