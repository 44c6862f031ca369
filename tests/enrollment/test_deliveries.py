"""Title delivery operations in the encrypted store: written before they are sent, found again on a second
scan, kept across a restart, and their personal data gone once the CERT has answered."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from enrollment.store import DeliveryKind, DeliveryState, FileKeyProvider, Store
from enrollment.store.dossiers import now_utc
from tests.enrollment.residue import looks_decrypted, residue

BARCODE = "EVX4RTBPFW41"
HOLDER = "Camille MARTIN-DELAUNAY"


@pytest.fixture
def key(tmp_path: Path) -> FileKeyProvider:
    k = FileKeyProvider(tmp_path / "store.key")
    k.create()
    return k


def test_a_scan_is_kept_across_a_restart_until_the_cert_answers(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    op, created = store.deliveries.enqueue(DeliveryKind.ENVELOPE, BARCODE, b'{"barcode": "EVX4RTBPFW41"}')
    assert created and op.state is DeliveryState.QUEUED
    store.close()

    store = Store(tmp_path / "station.db", key)
    assert [d.id for d in store.deliveries.due(now_utc())] == [op.id]
    assert [d.id for d in store.deliveries.queued(DeliveryKind.ENVELOPE)] == [op.id]
    store.close()


def test_a_second_scan_of_the_same_envelope_finds_the_first_and_writes_nothing(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    first, _ = store.deliveries.enqueue(DeliveryKind.ENVELOPE, BARCODE, b"{}")
    store.deliveries.complete(first.id, b"{}")
    again, created = store.deliveries.enqueue(DeliveryKind.ENVELOPE, BARCODE, b"{}")
    assert not created and again.id == first.id and again.state is DeliveryState.DONE
    # The same title may still be handed over: another kind of operation.
    _, created = store.deliveries.enqueue(DeliveryKind.HANDOVER, "X4RTBPFW4", b"{}")
    assert created
    store.close()


def test_a_failed_try_waits_its_turn_and_a_refusal_is_final(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    op, _ = store.deliveries.enqueue(DeliveryKind.ENVELOPE, BARCODE, b"{}")
    later = now_utc() + timedelta(minutes=5)
    store.deliveries.start_try(op.id)
    store.deliveries.record_failure(op.id, "lookup.unreachable", later)
    assert store.deliveries.due(now_utc()) == []
    assert store.deliveries.next_attempt_at() == later
    kept = store.deliveries.get(op.id)
    assert kept is not None and kept.attempts == 1 and kept.last_error_code == "lookup.unreachable"

    store.deliveries.refuse(op.id, "delivery.other_mairie")
    refused = store.deliveries.get(op.id)
    assert refused is not None and refused.state is DeliveryState.REFUSED and refused.payload is None
    assert refused.last_error_code == "delivery.other_mairie"
    assert store.deliveries.due(later) == [] and store.deliveries.queued() == []
    # An answered operation is not answered twice: a late success does not overwrite the refusal.
    store.deliveries.complete(op.id, b"late")
    assert store.deliveries.get(op.id).state is DeliveryState.REFUSED
    store.close()


def test_the_request_body_leaves_the_files_once_answered_and_the_answer_after_its_retention(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    signature = b"SIGNATURE-IMAGE-" + bytes(range(200))
    op, _ = store.deliveries.enqueue(DeliveryKind.HANDOVER, "X4RTBPFW4", signature)
    store.deliveries.complete(op.id, json.dumps({"holder": HOLDER}).encode())
    db, raw_key = tmp_path / "station.db", key.get_key()
    assert looks_decrypted(db, raw_key)
    markers = {"signature": [signature[16:56]], "holder": [HOLDER.encode()]}
    # The signature went with the request body; the answer stays for the reception page...
    assert [found.split(" in ")[0] for found in residue(db, raw_key, markers)] == ["holder"]
    # ...then goes with its retention.
    assert store.deliveries.forget(now_utc() + timedelta(hours=1)) == 1
    store.db.checkpoint()
    assert store.deliveries.get(op.id) is None
    assert residue(db, raw_key, markers) == []
    store.close()


def test_queued_operations_are_never_forgotten(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    op, _ = store.deliveries.enqueue(DeliveryKind.ENVELOPE, BARCODE, b"{}")
    assert store.deliveries.forget(now_utc() + timedelta(days=365)) == 0
    assert store.deliveries.get(op.id) is not None
    store.close()


def test_templates_go_with_the_hand_overs_receipt_or_when_their_title_leaves_the_list(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    store.title_templates.put("X4RTBPFW4", {"2": b"FMR\0 20\0" + bytes(40), "7": b"FMR\0 20\0" + bytes(46)})
    store.title_templates.put("21AB12345", {"2": b"FMR\0 20\0" + bytes(40)})
    store.waiting_titles.replace({"X4RTBPFW4": b"{}", "21AB12345": b"{}"})
    assert store.title_templates.get("X4RTBPFW4")["7"].startswith(b"FMR")

    op, _ = store.deliveries.enqueue(DeliveryKind.HANDOVER, "X4RTBPFW4", b"{}")
    store.deliveries.complete_handover(op.id, "X4RTBPFW4", b"{}")
    assert store.title_templates.get("X4RTBPFW4") is None
    assert store.waiting_titles.entries().keys() == {"21AB12345"}

    assert store.title_templates.keep_only(set()) == 1  # the CERT's list no longer has it
    assert store.title_templates.numbers() == []
    store.close()


def test_failed_presentations_are_counted_across_a_restart_and_go_with_the_title(tmp_path, key):
    store = Store(tmp_path / "station.db", key)
    for number in ("X4RTBPFW4", "21AB12345"):
        store.title_templates.count_failed_presentation(number)
    assert store.title_templates.count_failed_presentation("X4RTBPFW4") == 2
    store.close()
    store = Store(tmp_path / "station.db", key)
    assert store.title_templates.failed_presentations("X4RTBPFW4") == 2
    op, _ = store.deliveries.enqueue(DeliveryKind.HANDOVER, "X4RTBPFW4", b"{}")
    store.deliveries.complete_handover(op.id, "X4RTBPFW4", b"{}")
    assert store.title_templates.failed_presentations("X4RTBPFW4") == 0
    store.title_templates.keep_only({"X4RTBPFW4"})  # 21AB12345 left the CERT's list
    assert store.title_templates.failed_presentations("21AB12345") == 0
    store.close()
