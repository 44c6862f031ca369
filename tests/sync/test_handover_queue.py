"""A hand-over goes through the store's delivery queue: kept until the CERT's signed receipt, sent once
whatever cuts the station, and only that receipt removes the templates and the waiting entry the station
held for the title."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from enrollment.store import DeliveryKind, DeliveryState, FileKeyProvider, Store
from enrollment.store.dossiers import now_utc
from installer.pki import PkiPaths
from sync import fetch_templates, fetch_title_status
from tests.cert.titles_at_mairie import waiting_title
from tests.sync.delivery_child import PRELUDE
from tests.sync.test_delivery import _record

REPO_ROOT = Path(__file__).resolve().parents[2]


def hold_title(store: Store, client, number: str) -> None:
    """What the station keeps of a waiting title before its hand-over: its templates and its list entry."""
    store.title_templates.put(number, fetch_templates(client, number))
    store.waiting_titles.replace({number: b"{}"})


def test_a_hand_over_is_kept_while_the_cert_is_down_then_acknowledged_and_the_title_forgotten(
        queue, store, client, http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    hold_title(store, client, number)
    cert_service.stop()
    delivery = queue.queue_handover(number, _record(), agent_signer)
    assert queue.run_once(now_utc()) == 0
    kept = store.deliveries.get(delivery.id)
    assert kept is not None and kept.state is DeliveryState.QUEUED and kept.payload is not None
    assert store.title_templates.get(number)  # nothing goes before the receipt

    cert_service.start()
    assert queue.run_once(now_utc() + timedelta(minutes=10)) == 1
    done = store.deliveries.get(delivery.id)
    assert done is not None and done.state is DeliveryState.DONE and done.payload is None
    assert json.loads(done.result or b"{}")["first"]
    assert store.title_templates.get(number) is None and store.waiting_titles.entries() == {}
    assert fetch_title_status(client, number).status == "handed_over"


def test_a_refused_hand_over_stays_queued_for_support_to_settle(
        queue, store, client, http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    hold_title(store, client, number)
    # An adult's title:
    delivery = queue.queue_handover(number, _record(decision="face_only_minor_under_12"), agent_signer)
    queue.run_once(now_utc())
    kept = store.deliveries.get(delivery.id)
    assert kept is not None and kept.state is DeliveryState.QUEUED and kept.last_error_code
    assert store.title_templates.get(number)


CHILD = PRELUDE + """
number = sys.argv[4]
if number:
    queue.queue_handover(number, HandoverRecord(idempotency_key=str(uuid.uuid4()), agent_id="AG-0001",
                         handed_over_at=datetime.now(UTC), decision="fingerprint_match", scores={"2": 61},
                         signature_png=b"\\x89PNG\\r\\n\\x1a\\n" + bytes(16)),
                         KeyFileAgent.load(pki / "agents" / "agent.pem", pki / "agents" / "agent.key"))
print("queued", flush=True)
for _ in range(200):
    if not store.deliveries.queued():
        break
    queue.run_once(now_utc())
else:
    print("stuck", store.deliveries.queued()[0].last_error_code, flush=True)
    sys.exit(3)
print("done", flush=True)
"""


def test_a_station_killed_during_the_hand_overs_transmission_records_it_once(
        tmp_path, pki: PkiPaths, client, http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    store_dir = tmp_path / "killed"
    store_dir.mkdir()
    FileKeyProvider(store_dir / "store.key").create()
    store = Store(store_dir / "store.db", FileKeyProvider(store_dir / "store.key"))
    hold_title(store, client, number)
    store.close()

    def child(arg: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", CHILD, str(store_dir), str(pki.root), cert_service.url, arg],
                                cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)

    first = child(number)
    assert first.stdout is not None and first.stdout.readline().strip() == "queued"
    deadline = time.monotonic() + 60
    while fetch_title_status(client, number).status != "handed_over" and time.monotonic() < deadline:
        time.sleep(0.002)
    first.send_signal(signal.SIGKILL)  # the CERT has recorded it; the station may not have its receipt
    first.wait()
    assert fetch_title_status(client, number).status == "handed_over", "the first try never reached the CERT"

    again = child("")
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0 and out.split() == ["queued", "done"], out
    store = Store(store_dir / "store.db", FileKeyProvider(store_dir / "store.key"))
    try:
        done = store.deliveries.find(DeliveryKind.HANDOVER, number)
        assert done is not None and done.state is DeliveryState.DONE
        assert store.title_templates.get(number) is None and store.waiting_titles.entries() == {}
    finally:
        store.close()
    assert fetch_title_status(client, number).status == "handed_over"
