"""Envelope scans through the store's queue and the real CERT: one registration and one SMS per envelope,
whatever the network does, and the CERT's verdict on each envelope kept for the agent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cert.lookups.seed import TITLES
from cert.lookups.sms import SMS_FILE, read_file
from cert.lookups.titles import envelope_barcode
from devstation.cert_service import CertService
from enrollment.store import DeliveryKind, DeliveryState
from enrollment.store.dossiers import now_utc
from sync import OutboxSettings, register_envelope
from tests.sync.conftest import refused


def sms_to(cert_service: CertService) -> list[str]:
    return [m.to for m in read_file(cert_service.data_dir / SMS_FILE)]


def test_a_scan_registers_the_envelope_once_and_the_applicant_gets_one_sms(queue, store, cert_service):
    scan = queue.scan_envelope(envelope_barcode(TITLES["sent_cni"]).lower())
    assert scan.new and scan.answer is None
    assert queue.run_once(now_utc()) == 1
    done = store.deliveries.get(scan.delivery.id)
    assert done is not None and done.state is DeliveryState.DONE and done.payload is None
    answer = queue.scan_envelope(envelope_barcode(TITLES["sent_cni"])).answer  # scanned again
    assert answer is not None and answer["title"]["number"] == TITLES["sent_cni"]
    assert answer["title"]["status"] == "received" and answer["first_scan"] and not answer["repeat"]
    assert queue.run_once(now_utc()) == 0  # the second scan queued nothing
    assert sms_to(cert_service) == ["+33639980101"]


def test_scans_made_while_the_cert_is_down_leave_when_it_is_back(queue, store, cert_service):
    cert_service.stop()
    scans = [queue.scan_envelope(envelope_barcode(TITLES[t])) for t in ("sent_cni", "sent_passport")]
    assert queue.run_once(now_utc()) == 0
    waiting = store.deliveries.queued(DeliveryKind.ENVELOPE)
    assert [w.id for w in waiting] == [s.delivery.id for s in scans]
    assert {w.last_error_code for w in waiting} == {"lookup.unreachable"}
    cert_service.start()
    later = now_utc() + timedelta(seconds=OutboxSettings().max_delay_s + 1)
    assert queue.run_once(later) == 2
    assert sms_to(cert_service) == ["+33639980101", "+33639980102"]
    assert queue.run_once(later) == 0 and sms_to(cert_service) == ["+33639980101", "+33639980102"]


def test_a_resend_after_a_lost_answer_is_recorded_as_this_scans_registration(queue, store, client, cert_service):
    scan = queue.scan_envelope(envelope_barcode(TITLES["sent_cni"]))
    # The first try reached the CERT, and the station was cut before it recorded the answer.
    store.deliveries.start_try(scan.delivery.id)
    register_envelope(client, scan.delivery.title_ref)
    assert queue.run_once(now_utc()) == 1
    answer = queue.scan_envelope(scan.delivery.title_ref).answer
    assert answer is not None and not answer["first_scan"] and not answer["repeat"]
    assert sms_to(cert_service) == ["+33639980101"]


def test_an_envelope_registered_elsewhere_before_is_told_as_a_repeat(queue, client, cert_service):
    register_envelope(client, envelope_barcode(TITLES["sent_cni"]))  # by another station of the mairie
    scan = queue.scan_envelope(envelope_barcode(TITLES["sent_cni"]))
    queue.run_once(now_utc())
    answer = queue.scan_envelope(scan.delivery.title_ref).answer
    assert answer is not None and answer["repeat"]
    assert sms_to(cert_service) == ["+33639980101"]


@pytest.mark.parametrize(("title", "code"), [("in_production", "envelope.not_sent"),
                                             ("sent_beaune", "delivery.other_mairie"),
                                             ("handed_over", "delivery.handed_over"),
                                             (None, "envelope.unknown")])
def test_the_certs_verdict_on_an_envelope_is_final_and_said_in_french(queue, store, title, code):
    barcode = envelope_barcode(TITLES[title] if title else "AAAAAAAAA")
    scan = queue.scan_envelope(barcode)
    assert queue.run_once(now_utc()) == 1
    refused_op = store.deliveries.get(scan.delivery.id)
    assert refused_op is not None and refused_op.state is DeliveryState.REFUSED
    assert refused_op.last_error_code == code
    assert queue.run_once(now_utc() + timedelta(days=1)) == 0


def test_a_misread_or_foreign_barcode_is_refused_before_anything_is_queued(queue, store, cert_service):
    good = envelope_barcode(TITLES["sent_cni"])
    misread = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert refused(queue.scan_envelope, misread).code == "envelope.misread"
    err = refused(queue.scan_envelope, "3612345678901")  # a product's EAN-13
    assert err.code == "envelope.malformed" and "enveloppe" in err.message
    assert store.deliveries.queued() == []
