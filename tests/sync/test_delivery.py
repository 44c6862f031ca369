"""The station's title delivery client against the real CERT service: the envelope scan naming the holder,
the waiting list, the holder and the templates opened with the station key, the hand-over sent twice for
one receipt, the return, and each refusal as a French message saying what to do next."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import requests

from cert.lookups.seed import TITLES
from cert.lookups.titles import envelope_barcode
from cert.storage import Storage
from devstation.agent_keys import KeyFileAgent
from sync import (
    CertClient,
    HandoverRecord,
    ParentalAuthority,
    fetch_holder,
    fetch_templates,
    fetch_waiting_titles,
    handover_body,
    record_handover,
    register_envelope,
    return_title,
    send_reminder,
)
from sync.delivery import send_handover_body
from sync.delivery_replies import open_templates
from tests.cert.titles_at_mairie import other_station, waiting_title
from tests.sync.conftest import refused, transport_settings

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16




def _record(**change: object) -> HandoverRecord:
    base = HandoverRecord(idempotency_key=str(uuid.uuid4()), agent_id="AG-0001", handed_over_at=datetime.now(UTC),
                          decision="fingerprint_match", scores={"2": 61}, old_title_number="X4RTBPFW4",
                          old_title_cancelled=True, signature_png=PNG)
    return replace(base, **change)  # type: ignore[arg-type]


def test_scanning_an_envelope_names_the_holder_and_the_title_then_waits(client, http, cert_service, sealer,
        agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer, scan=False)
    reception = register_envelope(client, envelope_barcode(number))
    assert reception.first_scan and reception.holder is not None and reception.holder.surname == "ZYGOMATIQUE"
    assert reception.sms is not None and reception.sms.state == "sent"
    waiting = {t.number: t for t in fetch_waiting_titles(client)}
    assert waiting[number].holder is not None and not waiting[number].overdue
    assert waiting[TITLES["destroyed"]].overdue


def test_holder_and_templates_for_the_hand_over_check(client, http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    holder = fetch_holder(client, number.lower())
    assert holder.photo_jpeg.startswith(b"\xff\xd8") and holder.fingerprint_check and not holder.minor
    templates = fetch_templates(client, number)
    storage = Storage(cert_service.data_dir)
    try:
        held = {data for d in storage.all() for name, data in storage.files(d.dossier_number).items()
                if name.startswith("templates/")}
    finally:
        storage.close()
    assert sorted(templates) == holder.enrolled_positions == ["2", "7"] and set(templates.values()) <= held


def test_templates_sealed_for_another_station_do_not_open_here(client, http, cert_service, sealer, agent_signer,
        pki, tmp_path):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    neighbour = other_station(pki, tmp_path, "DR-21231-02", "21231")
    sealed = neighbour.session.get(f"{cert_service.url}/v1/titles/{number}/templates", timeout=10).json()["sealed"]
    assert open_templates(sealed, number, neighbour.cert, neighbour.key)
    err = refused(open_templates, sealed, number, pki.pem("station"), pki.key("station"))
    assert err.code == "delivery.templates_unreadable" and "assistance technique" in err.message


def test_a_hand_over_sent_twice_gets_one_verified_receipt(client, http, cert_service, sealer, agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    body = handover_body(_record(), agent_signer)  # signed once, as the delivery queue keeps it
    first = send_handover_body(client, number, body)
    again = send_handover_body(client, number, body)  # the reply was lost: the station sends it again
    assert first.first and not again.first
    assert (again.receipt, again.signature) == (first.receipt, first.signature) and first.title_number == number
    err = refused(fetch_templates, client, number)
    assert err.code == "delivery.handed_over" and err.message.startswith("Ce titre a déjà été remis")
    assert refused(record_handover, client, number, _record(), agent_signer).code == "delivery.handed_over"
    assert refused(register_envelope, client, envelope_barcode(number)).code == "delivery.handed_over"


def test_a_minor_is_handed_over_with_a_parent_and_without_one_it_is_refused(client, http, cert_service, sealer,
        agent_signer):
    number = waiting_title(http, cert_service, sealer, agent_signer, date(date.today().year - 14, 1, 1))
    err = refused(record_handover, client, number, _record(), agent_signer)
    assert err.code == "delivery.inconsistent" and "représentant légal" in err.message
    parent = ParentalAuthority("ZYGOMATIQUE", "Anne", "mother", "CNI 123456789")
    assert record_handover(client, number, _record(parental_authority=parent), agent_signer).first


def test_refusals_tell_the_agent_what_to_do(client, http, cert_service, sealer, agent_signer, pki, tmp_path):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    files = other_station(pki, tmp_path, "DR-21054-01", "21054")
    beaune = CertClient(replace(transport_settings(pki, cert_service.url), client_cert=files.cert,
                                client_key=files.key))
    try:
        err = refused(fetch_holder, beaune, number)
        assert err.code == "delivery.other_mairie" and "autre mairie" in err.message and not err.retryable
        assert fetch_waiting_titles(beaune) == []
    finally:
        beaune.close()
    err = refused(send_reminder, client, number)
    assert err.code == "delivery.reminder_too_soon" and "Vous pourrez le relancer après le" in err.message
    assert refused(fetch_holder, client, TITLES["destroyed"]).code == "delivery.overdue"
    assert refused(fetch_holder, client, "AAAAAAAAA").code == "title.unknown"
    assert refused(fetch_holder, client, "12").code == "title.malformed"
    assert refused(fetch_holder, client, TITLES["sent_cni"]).code == "delivery.not_received"
    assert refused(fetch_holder, client, TITLES["received"]).code == "delivery.no_holder"  # seeded, no enrolment


def test_a_supervisor_returns_an_overdue_title_with_their_card(client, pki):
    supervisor = KeyFileAgent.load(pki.agent_pem("supervisor"), pki.agent_key("supervisor"))
    returned = return_title(client, TITLES["destroyed"], "AG-0002", "non retiré dans le délai", supervisor)
    assert returned.status == "returned" and returned.number == TITLES["destroyed"]
    err = refused(return_title, client, TITLES["destroyed"], "AG-0002", "non retiré dans le délai", supervisor)
    assert err.code == "delivery.returned" and "nouvelle demande" in err.message
    assert refused(return_title, client, TITLES["received"], "", "motif", supervisor).code == "delivery.bad_request"


def test_a_reply_of_the_wrong_shape_is_a_clear_error(client, http, cert_service, sealer, agent_signer, monkeypatch):
    number = waiting_title(http, cert_service, sealer, agent_signer)
    real = client.request

    def without_check(method: str, path: str, **kwargs: object) -> requests.Response:
        response = real(method, path, **kwargs)
        body = response.json()
        body.pop("fingerprint_check", None)
        response._content = json.dumps(body).encode()  # the CERT forgot a field
        return response

    monkeypatch.setattr(client, "request", without_check)
    err = refused(fetch_holder, client, number)
    assert (err.code, err.retryable) == ("delivery.bad_reply", True) and "réponse inattendue" in err.message
