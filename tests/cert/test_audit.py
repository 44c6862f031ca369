"""The CERT's copy of the stations' audit trails: each batch checked against what it holds, a gap, an edit
and a broken link flagged and listed for the operator, a batch sent again stored once, and only a station's
own entries taken, over real HTTPS with its client certificate."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from cert import body_limits
from cert.audit_format import MAX_BODY_BYTES, Batch
from cert.audit_log import AuditStore
from cert.cli import main as cert_cli
from devstation.cert_service import CertService
from enrollment.audit import GENESIS, AuditEntry, AuditEvent, chained, entry_hash
from tests.fixtures.pki import STATION_ID

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CHAIN = "5f0c" * 8  # the station store's chain id


def trail(n: int, station: str = STATION_ID) -> list[AuditEntry]:
    """A station's first `n` entries, chained as the station chains them (enrollment/audit)."""
    out: list[AuditEntry] = []
    for seq in range(1, n + 1):
        out.append(chained(seq, NOW + timedelta(minutes=seq), station, AuditEvent.LOGIN,
                           out[-1].hash if out else GENESIS, agent_id="AG-0001"))
    return out


def body(entries: list[AuditEntry], chain: str = CHAIN) -> dict:
    return {"format": "recueil-audit/1", "chain": chain, "entries": [e.fields() for e in entries]}


def receive(store: AuditStore, entries: list[AuditEntry], station: str = STATION_ID, chain: str = CHAIN):
    return store.receive(station, chain, Batch.model_validate(body(entries, chain)).entries, NOW)


def edited(entry: AuditEntry, rehash: bool = False, **changes: object) -> AuditEntry:
    changed = dataclasses.replace(entry, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(changed, hash=entry_hash(changed.fields())) if rehash else changed


@pytest.fixture
def store(tmp_path: Path):
    s = AuditStore(tmp_path)
    yield s
    s.close()


def test_the_station_and_the_cert_hash_an_entry_alike(store: AuditStore) -> None:
    got = receive(store, trail(5))
    assert (got.held_up_to, got.stored, got.duplicates, got.alerts) == (5, 5, 0, [])


def test_a_batch_sent_again_is_stored_once(store: AuditStore) -> None:
    entries = trail(6)
    receive(store, entries[:4])
    again = receive(store, entries)  # the reply was lost; two more entries were written meanwhile
    assert (again.held_up_to, again.stored, again.duplicates, again.alerts) == (6, 2, 4, [])
    assert len(store.entries(STATION_ID)) == 6 and store.alerts() == []


def test_a_gap_is_flagged_and_the_entries_kept(store: AuditStore) -> None:
    entries = trail(8)
    receive(store, entries[:3])
    got = receive(store, entries[5:])  # 4 and 5 were deleted on the station before they left
    assert got.held_up_to == 8 and got.stored == 3
    [alert] = store.alerts(STATION_ID)
    assert (alert.seq, alert.kind, alert.detail) == (6, "gap", "entry 4 to 5 missing before entry 6")
    assert [flags for _, flags in store.entries(STATION_ID)] == [None, None, None, "gap", None, None]


def test_an_entry_edited_before_it_left_is_flagged(store: AuditStore) -> None:
    entries = trail(4)
    entries[1] = edited(entries[1], reason="card_removed")
    got = receive(store, entries)
    assert [(a.seq, a.kind) for a in got.alerts] == [(2, "edited")]
    assert [flags for _, flags in store.entries(STATION_ID)] == [None, "edited", None, None]


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_link(store: AuditStore) -> None:
    entries = trail(4)
    entries[1] = edited(entries[1], rehash=True, reason="card_removed")
    got = receive(store, entries)
    assert [(a.seq, a.kind) for a in got.alerts] == [(3, "broken_link")]


def test_an_entry_changed_after_the_cert_got_it_is_flagged_and_the_first_copy_kept(store: AuditStore) -> None:
    entries = trail(3)
    receive(store, entries)
    changed = edited(entries[1], rehash=True, agent_id="AG-0002")
    got = receive(store, [changed])
    assert (got.stored, got.duplicates, [(a.seq, a.kind) for a in got.alerts]) == (0, 0, [(2, "edited")])
    assert json.loads(store.entries(STATION_ID)[1][0])["agent_id"] == "AG-0001"


def test_a_first_batch_that_does_not_start_the_chain_is_a_gap(store: AuditStore) -> None:
    got = receive(store, trail(5)[2:])
    assert [(a.seq, a.kind) for a in got.alerts] == [(3, "gap")]


def test_a_reinstalled_station_starts_a_new_chain_that_the_operator_is_told_of(store: AuditStore) -> None:
    receive(store, trail(7))
    again = receive(store, trail(3), chain="a1b2" * 8)  # a new store: entry 1 again, under another chain id
    assert (again.held_up_to, again.stored) == (3, 3)
    [alert] = store.alerts(STATION_ID)
    assert (alert.seq, alert.kind) == (1, "new_chain")
    assert alert.detail == "chain a1b2a1b2 begins at entry 1; the previous chain 5f0c5f0c is held up to entry 7 " \
                           "(a reinstall or a replaced store)"
    assert len(store.entries(STATION_ID)) == 10  # the first chain is kept beside the new one
    [t] = store.trails()
    assert (t.chain, t.count, t.first_seq, t.held_up_to) == ("a1b2" * 8, 3, 1, 3)
    assert receive(store, trail(8)).held_up_to == 8  # the old chain's late entry is still taken and chained
    assert [a.kind for a in store.alerts(STATION_ID)] == ["new_chain"]


def test_an_entry_of_one_chain_is_not_taken_for_an_edit_of_another(store: AuditStore) -> None:
    receive(store, trail(2))
    other = [chained(1, NOW, STATION_ID, AuditEvent.LOGOUT, GENESIS, agent_id="AG-0002")]
    assert [a.kind for a in receive(store, other, chain="a1b2" * 8).alerts] == ["new_chain"]


def test_the_audit_body_limit() -> None:
    assert body_limits.limit_for("POST", "/v1/audit").max_bytes == MAX_BODY_BYTES
    biggest = chained(1, NOW, "S" * 64, AuditEvent.TITLE_HANDED_OVER, GENESIS, agent_id="A" * 64,
                      dossier_id="D" * 64, title_number="X4RTBPFW4", reason="r" * 64, ref="R" * 128)
    assert len(json.dumps(body([biggest] * 200))) < MAX_BODY_BYTES


def post(http: requests.Session, svc: CertService, payload: object) -> requests.Response:
    return http.post(f"{svc.url}/v1/audit", json=payload, timeout=10)


def test_over_https_the_operator_sees_what_a_stations_chain_showed(http: requests.Session,
                                                                  cert_service: CertService,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    entries = trail(6)
    first = post(http, cert_service, body(entries[:2]))
    assert first.status_code == 200
    assert first.json() == {"station_id": STATION_ID, "held_up_to": 2, "stored": 2, "duplicates": 0, "alerts": []}
    assert post(http, cert_service, body(entries[:2])).json()["duplicates"] == 2
    later = [entries[2], edited(entries[3], reason="inactivity"), entries[5]]  # 4 edited, 5 deleted
    reply = post(http, cert_service, body(later)).json()
    assert reply["held_up_to"] == 6 and reply["alerts"] == [{"seq": 4, "kind": "edited"}, {"seq": 6, "kind": "gap"}]

    capsys.readouterr()
    assert cert_cli(["audit", STATION_ID, "--data-dir", str(cert_service.data_dir)]) == 1
    out = capsys.readouterr().out
    assert f"{STATION_ID}: chain 5f0c5f0c, 5 entries held, 1 to 6" in out and "2 alert(s)" in out
    assert "entry 4 edited: entry 4 does not match its hash" in out
    assert "entry 6 gap: entry 5 missing before entry 6" in out
    assert cert_cli(["audit", "DR-99999-01", "--data-dir", str(cert_service.data_dir)]) == 1


REFUSED = [
    (body(trail(2, "DR-21231-99")), 403,
     "audit_other_station"),
    (body(list(reversed(trail(2)))), 400, "audit_bad_request"),
    ({**body(trail(1)), "entries": [{**trail(1)[0].fields(), "reason": "porte un foulard"}]}, 400,
     "audit_bad_request"),
    ({**body(trail(1)), "entries": []}, 400, "audit_bad_request"),
    ({**body(trail(1)), "chain": "not-a-chain"}, 400, "audit_bad_request"),
    ({"format": "recueil-audit/1", "entries": [e.fields() for e in trail(1)]}, 400, "audit_bad_request"),
]


def test_a_batch_the_cert_cannot_take_is_refused_and_nothing_kept(http: requests.Session,
                                                                  cert_service: CertService) -> None:
    for payload, status, error in REFUSED:
        r = post(http, cert_service, payload)
        assert (r.status_code, r.json()["error"]) == (status, error)
    assert post(http, cert_service, body(trail(1))).json()["stored"] == 1  # nothing of the refused batches held
    r = http.post(f"{cert_service.url}/v1/audit", data=b"{" + b" " * MAX_BODY_BYTES,
                  headers={"Content-Type": "application/json"}, timeout=10)
    assert (r.status_code, r.json()["error"]) == (413, "too_large")
