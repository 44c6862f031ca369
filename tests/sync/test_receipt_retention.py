"""The outbox worker forgets a purged dossier's minimal receipt once its retention has passed, and nothing
else: real SQLCipher store, real HTTPS CERT service, rounds played at chosen times."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from devstation.cert_service import CertService
from enrollment.errors import StoreError
from enrollment.model import State
from enrollment.store import Store
from installer.pki import PkiPaths
from sync import CertClient, OutboxSettings, OutboxWorker, TransportSettings
from sync.package import Sealer, seal_and_queue


def _worker(store: Store, settings: TransportSettings, pki: PkiPaths, retention_days: int) -> OutboxWorker:
    return OutboxWorker(store, CertClient(settings), OutboxSettings(receipt_retention_days=retention_days),
                        trust_anchor_pem=pki.pem("cert-ca").read_bytes(), rng=random.Random(3))


def _forgotten(store: Store, dossier_id: str) -> bool:
    try:
        store.dossiers.state_of(dossier_id)
    except StoreError:
        return store.outbox.receipt(dossier_id) is None
    return False


def test_receipt_kept_for_the_retention_then_forgotten_at_most_hourly_and_queued_dossiers_untouched(
    store: Store, complete_dossier, sealer: Sealer, agent_signer, settings: TransportSettings, pki: PkiPaths,
    cert_service: CertService, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="sync")
    acked = complete_dossier()
    seal_and_queue(store, acked.id, sealer, agent_signer)
    worker = _worker(store, settings, pki, retention_days=30)
    assert worker.run_once() == 1
    receipt = store.outbox.receipt(acked.id)
    assert receipt is not None and store.dossiers.state_of(acked.id) is State.PURGED
    acked_at = receipt.received_at

    # A second dossier waits through an outage: however old, an unacknowledged dossier is never forgotten.
    cert_service.stop()
    waiting = complete_dossier()
    seal_and_queue(store, waiting.id, sealer, agent_signer)

    day_29 = acked_at + timedelta(days=29)
    worker.run_once(now=day_29)
    assert store.outbox.receipt(acked.id) is not None

    just_before = acked_at + timedelta(days=30, minutes=-10)
    worker.run_once(now=just_before)  # a sweep: nothing old enough yet
    assert store.outbox.receipt(acked.id) is not None
    worker.run_once(now=just_before + timedelta(minutes=30))  # expired, but swept less than an hour ago
    assert store.outbox.receipt(acked.id) is not None
    worker.run_once(now=just_before + timedelta(minutes=61))
    assert _forgotten(store, acked.id)
    assert acked.id not in {s.id for s in store.dossiers.summaries()}

    assert store.dossiers.state_of(waiting.id) is State.QUEUED
    assert store.dossiers.load(waiting.id).id == waiting.id
    assert store.outbox.status().count == 1
    [expired_log] = [r for r in caplog.records if getattr(r, "event", None) == "sync.receipts_expired"]
    assert expired_log.count == 1


def test_retention_counts_from_the_acknowledgement_with_the_configured_days(
    store: Store, complete_dossier, sealer: Sealer, agent_signer, settings: TransportSettings, pki: PkiPaths,
    cert_service: CertService,
) -> None:
    d = complete_dossier()
    seal_and_queue(store, d.id, sealer, agent_signer)
    assert _worker(store, settings, pki, retention_days=7).run_once() == 1
    acked_at = store.outbox.receipt(d.id).received_at

    _worker(store, settings, pki, retention_days=7).run_once(now=acked_at + timedelta(days=6, hours=23))
    assert store.outbox.receipt(d.id).cert_number
    _worker(store, settings, pki, retention_days=7).run_once(now=acked_at + timedelta(days=7, minutes=1))
    assert _forgotten(store, d.id)
