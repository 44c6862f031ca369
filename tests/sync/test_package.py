"""Sealing: the package bytes, their digest and key, and the move to the outbox."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from enrollment.model import Dossier, State
from enrollment.store import Store
from sync import SyncError, seal, seal_and_queue
from tests.fixtures.pki import STATION_ID


def test_seal_builds_format_0_package(complete_dossier) -> None:
    d: Dossier = complete_dossier()
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    sealed = seal(d, STATION_ID, now=at)
    package = json.loads(sealed.data)
    assert package["format"] == "recueil-package/0"
    assert package["station_id"] == STATION_ID
    assert package["sealed_at"] == at.isoformat()
    assert Dossier.model_validate(package["dossier"]) == d
    assert sealed.sha256 == hashlib.sha256(sealed.data).hexdigest()
    assert sealed.idempotency_key == d.id
    # Same dossier, same instant: same bytes (sorted keys, no whitespace).
    assert seal(d, STATION_ID, now=at) == sealed


def test_seal_and_queue_moves_complete_dossier_to_outbox(store: Store, complete_dossier) -> None:
    d = complete_dossier()
    sealed = seal_and_queue(store, d.id, STATION_ID)
    assert store.dossiers.state_of(d.id) is State.QUEUED
    (item,) = store.outbox.due(datetime.now(UTC))
    assert (item.dossier_id, item.idempotency_key) == (d.id, d.id)
    assert item.package == sealed.data and item.package_sha256 == sealed.sha256


def test_seal_and_queue_refuses_draft(store: Store) -> None:
    d = Dossier(agent_id="AG-0001")
    store.dossiers.save_draft(d)
    with pytest.raises(SyncError) as info:
        seal_and_queue(store, d.id, STATION_ID)
    assert info.value.code == "seal.not_complete" and not info.value.retryable
    assert "complet" in info.value.message
    assert store.dossiers.state_of(d.id) is State.DRAFT
    assert store.outbox.status().count == 0
