"""While the station runs, the outbox worker's hourly sweep deletes drafts untouched for the configured
number of days, however far the agent's screens are from the home page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from devstation.factories import SURNAME, complete_dossier
from enrollment.model import State
from enrollment.store import DiscardReason, OutboxItem, Store
from sync import OutboxSettings, OutboxWorker, SignedReceipt


class NothingToSend:
    def send(self, item: OutboxItem) -> SignedReceipt:
        raise AssertionError("no dossier is queued in this test")


def test_the_sweep_deletes_drafts_untouched_for_the_configured_days_and_logs_no_name(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="sync")
    draft, complete = complete_dossier(), complete_dossier()
    complete.state = State.COMPLETE
    store.dossiers.save_draft(draft)
    store.dossiers.save_draft(complete)
    last_saved = max(s.updated_at for s in store.dossiers.summaries())
    worker = OutboxWorker(store, NothingToSend(), OutboxSettings(draft_retention_days=7), trust_anchor_pem=b"")

    worker.run_once(now=last_saved + timedelta(days=6, hours=23))
    assert len(store.dossiers.summaries()) == 2
    worker.run_once(now=last_saved + timedelta(days=7, minutes=61))  # the next sweep, an hour on

    assert store.dossiers.summaries() == []
    assert {(r.dossier_id, r.reason) for r in store.discards.records()} == {
        (draft.id, DiscardReason.EXPIRED), (complete.id, DiscardReason.EXPIRED)}
    [logged] = [r for r in caplog.records if getattr(r, "event", None) == "drafts.expired"]
    assert logged.count == 2 and SURNAME not in caplog.text


def test_a_deleted_drafts_record_is_forgotten_after_the_receipt_retention(store: Store) -> None:
    d = complete_dossier()
    store.dossiers.save_draft(d)
    store.discards.abandon(d.id, "AG-0001", DiscardReason.DUPLICATE)
    [record] = store.discards.records()
    worker = OutboxWorker(store, NothingToSend(), OutboxSettings(receipt_retention_days=30), trust_anchor_pem=b"")

    worker.run_once(now=record.at + timedelta(days=29))
    assert store.discards.records() == [record]
    worker.run_once(now=record.at + timedelta(days=30, minutes=61))
    assert store.discards.records() == []
