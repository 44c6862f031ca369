"""Title delivery at the CERT over real HTTPS: a title produced from an acknowledged dossier, its envelope
scanned, listed as waiting, its holder and sealed templates released only to the collecting mairie, the
hand-over recorded once with a signed receipt, and an uncollected title returned."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization

from cert.lookups.sealing import MAGIC, SUITE
from cert.lookups.seed import TITLES
from cert.lookups.titles import envelope_barcode
from cert.storage import Storage
from devstation.agent_keys import KeyFileAgent
from devstation.cert_service import REPO_ROOT, CertService
from sync.receipts import SignedReceipt, verify_receipt
from tests.cert.titles_at_mairie import (
    acknowledged,
    agent_of_mairie,
    other_station,
    signed_record,
    waiting_title,
    years_ago,
)
from tests.fixtures.pki import MAIRIE_INSEE

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
BEAUNE = "21054"


def _refusal(r: requests.Response) -> tuple[int, str]:
    return r.status_code, r.json().get("error")


def _record(**change: object) -> dict:
    return {"idempotency_key": str(uuid.uuid4()), "agent_id": "AG-0001",
            "handed_over_at": datetime.now(UTC).isoformat(), "decision": "fingerprint_match",
            "scores": [{"position": "2", "score": 61}], "old_title_number": "X4RTBPFW4", "old_title_cancelled": True,
            "signature_png": base64.b64encode(PNG).decode("ascii"), **change}


JSON = {"Content-Type": "application/json"}


def _open(sealed_b64: str, key_path: Path) -> dict:
    sealed = base64.b64decode(sealed_b64)
    assert sealed.startswith(MAGIC)
    header, ciphertext = sealed[len(MAGIC):].split(b"\n", 1)
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return json.loads(SUITE.decrypt(ciphertext, key, info=MAGIC + header))  # type: ignore[arg-type]


def test_title_produce_command_makes_a_sent_title_whose_envelope_scan_names_the_holder(http, cert_service, sealer,
        agent_signer):
    number = acknowledged(http, cert_service, sealer, agent_signer)
    out = subprocess.run([sys.executable, "-m", "cert.cli", "title", "produce", number, "--data-dir",
                          str(cert_service.data_dir)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    title, barcode = out.stdout.split()
    assert barcode == envelope_barcode(title) and title[:2].isdigit()  # the factory's dossier is a passport
    assert "ZYGOMATIQUE" not in out.stdout
    again = subprocess.run([sys.executable, "-m", "cert.cli", "title", "produce", number, "--data-dir",
                            str(cert_service.data_dir)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert again.stdout.split()[:2] == [title, barcode] and "already produced" in again.stdout
    assert http.get(f"{cert_service.url}/v1/titles/{title}", timeout=10).json()["status"] == "sent"
    r = http.post(f"{cert_service.url}/v1/envelopes/received", json={"barcode": barcode}, timeout=10)
    assert r.status_code == 200
    assert r.json()["holder"] == {"surname": "ZYGOMATIQUE", "given_names": "Philomène", "usage_name": ""}
    assert r.json()["sms"]["state"] == "sent" and r.json()["title"]["status"] == "received"


def test_waiting_titles_are_the_callers_mairies_only(http, cert_service, sealer, agent_signer, pki, tmp_path):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    titles = http.get(f"{cert_service.url}/v1/titles/waiting", timeout=10).json()["titles"]
    mine = next(t for t in titles if t["number"] == number)
    assert mine["holder"]["surname"] == "ZYGOMATIQUE" and not mine["overdue"] and mine["sms"]["state"] == "sent"
    received = datetime.fromisoformat(mine["received_at"])
    assert timedelta(days=89) <= datetime.fromisoformat(mine["collect_before"]) - received <= timedelta(days=92)
    assert next(t for t in titles if t["number"] == TITLES["destroyed"])["overdue"]
    assert TITLES["handed_over"] not in {t["number"] for t in titles}
    beaune = other_station(pki, tmp_path, "DR-21054-01", BEAUNE).session
    assert beaune.get(f"{cert_service.url}/v1/titles/waiting", timeout=10).json() == {"titles": []}
    assert _refusal(beaune.get(f"{cert_service.url}/v1/titles/{number}", timeout=10)) == (403, "title_other_mairie")


@pytest.mark.parametrize(("birth", "check", "minor", "under_12"), [
    (date(1990, 3, 2), True, False, False), (years_ago(14), True, True, False),
    (years_ago(8), False, True, True)])
def test_holder_gives_face_fingers_and_whether_prints_are_checked(http, cert_service, sealer, agent_signer, birth,
        check, minor,
                                                                  under_12):
    number = waiting_title(http, cert_service, sealer, agent_signer, birth)
    body = http.get(f"{cert_service.url}/v1/titles/{number}/holder", timeout=10).json()
    assert base64.b64decode(body["photo_jpeg"]).startswith(b"\xff\xd8")
    assert body["enrolled_positions"] == ["2", "7"] and [f["exception"] for f in body["fingers"]] == [None, None]
    assert (body["fingerprint_check"], body["minor"], body["under_12"]) == (check, minor, under_12)


def test_holder_and_templates_are_refused_outside_the_waiting_title_of_the_mairie(http, cert_service, sealer,
        agent_signer, pki,
                                                                                   tmp_path):
    sent = waiting_title(http, cert_service, sealer, agent_signer, scan=False)
    number = waiting_title(http, cert_service, sealer, agent_signer)
    beaune = other_station(pki, tmp_path, "DR-21054-01", BEAUNE).session
    for what in ("holder", "templates"):
        assert _refusal(http.get(f"{cert_service.url}/v1/titles/{sent}/{what}", timeout=10)) == \
            (409, "title_not_received")
        assert _refusal(beaune.get(f"{cert_service.url}/v1/titles/{number}/{what}", timeout=10)) == \
            (403, "title_other_mairie")
        assert _refusal(http.get(f"{cert_service.url}/v1/titles/AAAAAAAAA/{what}", timeout=10)) == \
            (404, "title_unknown")
        assert _refusal(http.get(f"{cert_service.url}/v1/titles/abc/{what}", timeout=10)) == (400, "title_malformed")


def test_templates_are_sealed_for_the_requesting_stations_key_only(http, cert_service, sealer, agent_signer, pki,
        tmp_path):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    sealed = http.get(f"{cert_service.url}/v1/titles/{number}/templates", timeout=10).json()
    plain = _open(sealed["sealed"], pki.key("station"))
    storage = Storage(cert_service.data_dir)
    try:
        enrolled = {name: data for d in storage.all() for name, data in storage.files(d.dossier_number).items()}
    finally:
        storage.close()
    assert plain["title"] == number and [t["position"] for t in plain["templates"]] == ["2", "7"]
    assert all(base64.b64decode(t["data"]) in enrolled.values() for t in plain["templates"])
    neighbour = other_station(pki, tmp_path, "DR-21231-02", MAIRIE_INSEE)
    theirs = neighbour.session.get(f"{cert_service.url}/v1/titles/{number}/templates", timeout=10).json()["sealed"]
    assert _open(theirs, neighbour.key)["templates"] == plain["templates"]
    with pytest.raises(InvalidTag):
        _open(theirs, pki.key("station"))


def test_a_hand_over_is_recorded_once_with_a_signed_receipt(http, cert_service, sealer, agent_signer, pki):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    url, record = f"{cert_service.url}/v1/titles/{number}/handover", _record()
    body = signed_record(record, agent_signer)
    first = http.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
    assert first.status_code == 201, first.text
    replay = http.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
    assert replay.status_code == 200 and replay.json() == first.json()
    signed = SignedReceipt(base64.b64decode(first.json()["receipt"]), base64.b64decode(first.json()["signature"]),
                           first.json()["certificate"].encode(), 201)
    receipt = verify_receipt(signed, pki.pem("cert-ca").read_bytes(), record["idempotency_key"],
                             hashlib.sha256(body).hexdigest())
    assert receipt.cert_number == number and json.loads(signed.receipt)["kind"] == "title_handover"
    with sqlite3.connect(cert_service.data_dir / "lookups.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM handover WHERE number = ?", (number,)).fetchone() == (1,)
    assert http.get(f"{cert_service.url}/v1/titles/{number}", timeout=10).json()["status"] == "handed_over"
    changed = signed_record({**record, "scores": [{"position": "2", "score": 70}]}, agent_signer)
    assert _refusal(http.post(url, data=changed, headers=JSON, timeout=10)) == (409, "handover_key_conflict")
    again = signed_record(_record(), agent_signer)
    assert _refusal(http.post(url, data=again, headers=JSON, timeout=10)) == (409, "title_handed_over")
    assert _refusal(http.get(f"{cert_service.url}/v1/titles/{number}/templates", timeout=10)) == \
        (409, "title_handed_over")
    assert _refusal(http.post(f"{cert_service.url}/v1/envelopes/received",
                              json={"barcode": envelope_barcode(number)}, timeout=10)) == (409, "title_handed_over")


@pytest.mark.parametrize(("birth", "change", "expected"), [
    (date(1990, 3, 2), {"colour": "blue"}, "handover_bad_request"),
    (date(1990, 3, 2), {"decision": "trust_me"}, "handover_bad_request"),
    (date(1990, 3, 2), {"handed_over_at": "yesterday"}, "handover_bad_request"),
    (date(1990, 3, 2), {"decision": "face_only_minor_under_12"}, "handover_inconsistent"),
    (date(1990, 3, 2), {"decision": "supervisor_override"}, "handover_inconsistent"),
    (date(1990, 3, 2), {"signature_png": base64.b64encode(b"GIF89a").decode()}, "handover_inconsistent"),
    (years_ago(14), {}, "handover_inconsistent"),  # no parental authority
])
def test_malformed_or_inconsistent_hand_overs_record_nothing(http, cert_service, sealer, agent_signer, birth,
        change, expected):
    number = waiting_title(http, cert_service, sealer, agent_signer, birth)
    r = http.post(f"{cert_service.url}/v1/titles/{number}/handover", data=signed_record(_record(**change),
            agent_signer),
                  headers=JSON, timeout=10)
    assert _refusal(r) == (400, expected)
    assert http.get(f"{cert_service.url}/v1/titles/{number}", timeout=10).json()["status"] == "received"


def test_a_child_under_12_is_handed_over_on_the_face_with_a_parent(http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer, years_ago(8))
    parent = {"surname": "ZYGOMATIQUE", "given_names": "Anne", "link": "mother", "id_document": "CNI 123456789"}
    r = http.post(f"{cert_service.url}/v1/titles/{number}/handover", timeout=10, headers=JSON, data=signed_record(
        _record(decision="face_only_minor_under_12", scores=[], signature_png=None, parental_authority=parent),
        agent_signer))
    assert r.status_code == 201, r.text


def test_handover_of_another_mairies_title_is_refused(http, cert_service, sealer, agent_signer, pki, tmp_path):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    beaune = other_station(pki, tmp_path, "DR-21054-01", BEAUNE).session
    beaune_agent = agent_of_mairie(pki, BEAUNE, "AG-0101")
    r = beaune.post(f"{cert_service.url}/v1/titles/{number}/handover", headers=JSON, timeout=10,
                    data=signed_record(_record(agent_id="AG-0101"), beaune_agent))
    assert _refusal(r) == (403, "title_other_mairie")


def _backdate_sms(svc: CertService, number: str, hours: int) -> None:
    with sqlite3.connect(svc.data_dir / "lookups.sqlite3") as conn:
        at = (datetime.now(UTC) - timedelta(hours=hours)).replace(microsecond=0).isoformat()
        conn.execute("UPDATE sms SET queued_at = ? WHERE reason LIKE ?", (at, f"%:{number}%"))


def test_reminders_are_at_most_one_a_day_and_three_per_title(http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    url = f"{cert_service.url}/v1/titles/{number}/reminder"
    too_soon = http.post(url, timeout=10)
    assert _refusal(too_soon) == (429, "reminder_too_soon") and too_soon.json()["next_allowed_at"]
    for n in (1, 2, 3):
        _backdate_sms(cert_service, number, 25)
        r = http.post(url, timeout=10)
        assert r.status_code == 200 and r.json()["sms"]["reminders"] == n
    _backdate_sms(cert_service, number, 25)
    assert _refusal(http.post(url, timeout=10)) == (409, "reminders_exhausted")
    assert http.post(f"{cert_service.url}/v1/titles/{TITLES['destroyed']}/reminder", timeout=10).status_code == 410


def test_a_supervisor_returns_an_uncollected_title(http, cert_service, sealer, agent_signer, pki, tmp_path):
    url = f"{cert_service.url}/v1/titles/{TITLES['destroyed']}/return"
    beaune = other_station(pki, tmp_path, "DR-21054-01", BEAUNE).session
    supervisor = KeyFileAgent.load(pki.agent_pem("supervisor"), pki.agent_key("supervisor"))
    decision = {"supervisor_id": "AG-0002", "reason": "non retiré dans les 3 mois"}
    body = signed_record(decision, supervisor)
    assert _refusal(beaune.post(url, data=body, headers=JSON, timeout=10)) == (403, "title_other_mairie")
    assert _refusal(http.post(url, json={"supervisor_id": "AG-0002"}, timeout=10)) == (400, "return_bad_request")
    # A supervisor's decision: unsigned, or signed by an agent, it is refused.
    assert _refusal(http.post(url, json=decision, timeout=10)) == (403, "agent_signature_missing")
    by_agent = signed_record({**decision, "supervisor_id": "AG-0001"}, agent_signer)
    assert _refusal(http.post(url, data=by_agent, headers=JSON, timeout=10)) == (403, "agent_role")
    r = http.post(url, data=body, headers=JSON, timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert _refusal(http.post(url, data=body, headers=JSON, timeout=10)) == (410, "title_returned")
    assert http.get(f"{cert_service.url}/v1/titles/{TITLES['destroyed']}", timeout=10).json()["status"] == "returned"
    number = waiting_title(http, cert_service, sealer, agent_signer)
    assert http.post(f"{cert_service.url}/v1/titles/{number}/handover", data=signed_record(_record(), agent_signer),
                     headers=JSON, timeout=10).status_code == 201
    assert _refusal(http.post(f"{cert_service.url}/v1/titles/{number}/return", data=body, headers=JSON,
                              timeout=10)) == (409, "title_handed_over")


def test_an_overdue_title_cannot_be_handed_over(http, cert_service, agent_signer):
    r = http.post(f"{cert_service.url}/v1/titles/{TITLES['destroyed']}/handover", headers=JSON, timeout=10,
                  data=signed_record(_record(), agent_signer))
    assert _refusal(r) == (410, "title_overdue")


def test_delivery_endpoints_need_the_station_certificate(anonymous, cert_service):
    r = anonymous.get(f"{cert_service.url}/v1/titles/waiting", timeout=10)
    assert _refusal(r) == (403, "no_client_identity")


def test_a_hand_over_is_signed_by_the_agent_it_names_and_an_override_by_its_supervisor(http, cert_service, sealer,
        agent_signer, pki):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    url = f"{cert_service.url}/v1/titles/{number}/handover"
    unsigned = json.dumps(_record()).encode()
    assert _refusal(http.post(url, data=unsigned, headers=JSON, timeout=10)) == (403, "agent_signature_missing")
    revoked = KeyFileAgent.load(pki.agent_pem("revoked"), pki.agent_key("revoked"))
    assert _refusal(http.post(url, data=signed_record(_record(agent_id="AG-0006"), revoked), headers=JSON,
                              timeout=10))[1] == "agent_revoked"
    assert _refusal(http.post(url, data=signed_record(_record(agent_id="AG-0002"), agent_signer), headers=JSON,
                              timeout=10)) == (403, "agent_mismatch")
    other = agent_of_mairie(pki, BEAUNE, "AG-0101")
    assert _refusal(http.post(url, data=signed_record(_record(agent_id="AG-0101"), other), headers=JSON,
                              timeout=10)) == (403, "agent_other_mairie")
    forged = json.loads(signed_record(_record(), agent_signer))
    forged["reason"] = "changed after signing"
    assert _refusal(http.post(url, data=json.dumps(forged).encode(), headers=JSON, timeout=10)) == \
        (400, "agent_bad_signature")
    override = {"decision": "supervisor_override", "supervisor_id": "AG-0002", "reason": "empreintes abimees"}
    assert _refusal(http.post(url, data=signed_record(_record(**override), agent_signer), headers=JSON,
                              timeout=10)) == (403, "agent_role")
    supervisor = KeyFileAgent.load(pki.agent_pem("supervisor"), pki.agent_key("supervisor"))
    r = http.post(url, data=signed_record(_record(agent_id="AG-0002", **override), supervisor), headers=JSON,
                  timeout=10)
    assert r.status_code == 201, r.text
    assert http.get(f"{cert_service.url}/v1/titles/{number}", timeout=10).json()["status"] == "handed_over"
