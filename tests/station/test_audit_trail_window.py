"""The audit trail of a real session in the window (offscreen, real devices over their link, the SQLCipher
store, the CERT over mutual TLS): login, a dossier created and sealed, the card pulled, a colleague's card
refused at the locked session, the agent's card put back, each recorded in order with the card's id; the
whole trail reaches the CERT, unbroken, and neither the station's copy nor the CERT's holds anything of the
applicant."""

from __future__ import annotations

import json

import pytest

from cert.audit_log import AuditStore
from devstation import scenario
from enrollment.model import State
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def test_a_session_is_recorded_and_reaches_the_cert_without_personal_data(window, station, hw_mocks, cert_service,
                                                                          qtbot):
    applicant = scenario.Applicant()
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    dossier_id = scenario.enroll(window, applicant, hw_mocks.scan_barcode, lambda _: None)
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    hw_mocks.remove_card()
    qtbot.waitUntil(lambda: station.session is None, timeout=10_000)
    hw_mocks.insert_card("technician")  # another agent's card cannot open the locked session
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, PIN)
    window.login.submit_button.click()
    qtbot.waitUntil(lambda: station.store.audit.state().ends.head_seq == 6, timeout=15_000)
    assert station.session is None
    hw_mocks.remove_card()
    hw_mocks.insert_card("agent")  # back to the page the lock hid
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, PIN)
    window.login.submit_button.click()
    qtbot.waitUntil(lambda: station.session is not None, timeout=15_000)

    entries = station.store.audit.entries()
    technician = entries[5].agent_id
    assert technician not in (None, "AG-0001")
    events = [(e.event.value, e.agent_id, e.dossier_id, e.reason) for e in entries]
    assert events == [
        ("configuration_changed", None, None, "first"),
        ("login", "AG-0001", None, None),
        ("dossier_created", "AG-0001", dossier_id, None),
        ("dossier_sealed", "AG-0001", dossier_id, None),
        ("lock", "AG-0001", None, "card_removed"),
        ("unlock_refused", technician, None, "other_agent"),
        ("unlock", "AG-0001", None, None),
    ]
    assert {e.station_id for e in entries} == {"DR-21231-01"} and station.store.audit.verify() is None

    # The outbox's thread sends it; the CERT holds it all, with nothing to flag.
    station.outbox.wake()
    qtbot.waitUntil(lambda: station.store.audit.state().acked_seq == len(entries), timeout=30_000)
    held = AuditStore(cert_service.data_dir)
    try:
        at_the_cert = [text for text, _ in held.entries("DR-21231-01")]
        assert len(at_the_cert) == len(entries) and held.alerts() == []
    finally:
        held.close()

    # Hashes aside (hex digits may spell a postcode by chance), every value of every entry, on both sides.
    station_copy = " ".join(str(v) for e in entries for k, v in e.fields().items() if not k.endswith("hash"))
    cert_copy = " ".join(str(v) for text in at_the_cert for k, v in json.loads(text).items() if not k.endswith("hash"))
    personal = (applicant.surname, *applicant.given_names.split(), applicant.line1, applicant.postcode,
                applicant.phone, applicant.email, applicant.birth_date.isoformat(),
                f"{applicant.birth_date:%d/%m/%Y}", applicant.pre_application, applicant.fee_stamp)
    for value in personal:
        assert value not in station_copy and value not in cert_copy, value
