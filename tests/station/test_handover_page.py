"""Remise d'un titre through the real window, the real CERT and the emulated scanner and pad: the holder's
two index fingers verified against the prints enrolled in the dossier, the signature, the record sent with
a signed receipt and what the station held of the title forgotten; another person's fingers are refused
three times and the title stays."""

from __future__ import annotations

import io
import json
import sqlite3

import cv2
import pypdf
from PySide6.QtCore import Qt

from cert.lookups.titles import envelope_barcode
from devstation import scenario
from devstation.factories import SURNAME, _fingerprint
from enrollment.fingerprint.model import FingerPosition
from enrollment.store import DeliveryKind, DeliveryState
from hw_mocks.data import default_data_dir
from station import waiting_titles
from station.context import cert_client
from sync import fetch_title_status
from tests.cert.titles_at_mairie import waiting_title
from tests.fixtures.audit import recorded
from tests.fixtures.station import PIN


def camilles_title(http, cert_service, sealer, agent_signer, **dossier) -> str:
    """A title produced from a dossier enrolled with the first impressions of the emulator's default person's
    index fingers (FVC2002 DB1-B 102 and 107), its envelope received here (`dossier`: waiting_title's)."""
    prints = [_fingerprint(position, cv2.imread(str(default_data_dir() / "fingers" / f"fvc2002db1b_{finger}_1.png"),
                                                cv2.IMREAD_GRAYSCALE))
              for position, finger in ((FingerPosition.RIGHT_INDEX, 102), (FingerPosition.LEFT_INDEX, 107))]
    return waiting_title(http, cert_service, sealer, agent_signer, fingerprints=prints, **dossier)


def open_title(window, hw_mocks, qtbot, number: str, card: str = "agent"):
    scenario.login(window, lambda: hw_mocks.insert_card(card), PIN, lambda _: None)
    qtbot.mouseClick(window.home.handover_button, Qt.MouseButton.LeftButton)
    page = window.handover
    qtbot.keyClicks(page.search, envelope_barcode(number))
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.flow is not None, timeout=20_000)
    assert SURNAME in page.holder.text()  # the holder's names as the CERT holds them
    assert not page.photo.pixmap().isNull()  # the CERT's photo, for the agent to compare the face
    return page


def handed_over(station, cert_service, qtbot, number: str) -> dict:
    """Wait for the CERT's signed receipt of the hand-over: the station forgot the templates, the CERT says
    handed over; the record as the CERT keeps it."""
    def acknowledged() -> bool:
        done = station.store.deliveries.find(DeliveryKind.HANDOVER, number)
        return done is not None and done.state is DeliveryState.DONE

    qtbot.waitUntil(acknowledged, timeout=30_000)
    assert station.store.title_templates.get(number) is None
    with cert_client(station.config) as client:
        assert fetch_title_status(client, number).status == "handed_over"
    with sqlite3.connect(cert_service.data_dir / "lookups.sqlite3") as conn:
        return json.loads(conn.execute("SELECT record FROM handover WHERE number = ?", (number,)).fetchone()[0])


def test_the_holders_fingers_match_and_the_title_is_handed_over_once(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    page = open_title(window, hw_mocks, qtbot, number)
    assert page.fingers_button.isVisible() and not page.handover_button.isEnabled()
    assert station.store.title_templates.get(number)  # held for the check, encrypted in the store
    hw_mocks.finger("impression", take=3)  # a later impression than the enrolled one
    qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.verification is not None, timeout=60_000)
    assert page.flow.matched, page.status.text()
    assert "Empreintes concordantes" in page.status.text()
    page.face_checked.setChecked(True)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.handover_button.isEnabled(), timeout=60_000)
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"Remise du titre {number} enregistrée" in page.status.text(), timeout=10_000)
    handed_over(station, cert_service, qtbot, number)
    assert recorded(station.store.audit, "title_handed_over") == [("AG-0001", number, "fingerprint_match")]
    # The holder leaves with the attestation: the title, its number and their name, printed.
    qtbot.waitUntil(lambda: len(hw_mocks.printed) == 1, timeout=30_000)
    attestation = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(hw_mocks.printed[0])).pages)
    assert "Attestation de remise de titre" in attestation and number in attestation and SURNAME in attestation


def test_another_persons_fingers_are_refused_three_times_and_the_title_stays(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    page = open_title(window, hw_mocks, qtbot, number)
    hw_mocks.finger("person", name="dominique")
    for n in range(1, 4):
        qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
        said = f"présentation {n} sur 3" if n < 3 else "Aucune concordance après 3 présentations"
        qtbot.waitUntil(lambda said=said: said in page.status.text(), timeout=60_000)  # the result shown
        assert not page.flow.matched and page.flow.presentations == n
    assert not page.fingers_button.isEnabled()
    page.face_checked.setChecked(True)
    assert not page.handover_button.isEnabled() and not page.fingers_button.isEnabled()
    assert station.store.deliveries.find(DeliveryKind.HANDOVER, number) is None
    with cert_client(station.config) as client:
        assert fetch_title_status(client, number).status == "received"
    assert not page.override_reason.isVisible()  # an agent postpones; only a supervisor may decide


def test_a_supervisor_decides_after_three_failed_presentations_and_the_cert_records_why(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    page = open_title(window, hw_mocks, qtbot, number, card="supervisor")
    hw_mocks.finger("person", name="dominique")
    for n in range(1, 4):
        qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
        said = f"présentation {n} sur 3" if n < 3 else "En tant que superviseur"
        qtbot.waitUntil(lambda said=said: said in page.status.text(), timeout=60_000)  # the result shown
    assert page.override_reason.isVisible()
    page.face_checked.setChecked(True)
    qtbot.keyClicks(page.override_reason, "empreintes usees, visage et ancien titre concordants")
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.handover_button.isEnabled(), timeout=60_000)
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    record = handed_over(station, cert_service, qtbot, number)
    assert record["decision"] == "supervisor_override"
    # The supervisor's decision in the audit trail: theirs, with its code; their words stay in the signed record.
    assert recorded(station.store.audit, "title_handed_over") == [("AG-0002", number, "supervisor_override")]
    assert "empreintes" not in str([e.fields() for e in station.store.audit.entries()])


def test_the_title_is_found_by_the_holders_name_in_the_waiting_list(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    waiting_titles.refresh(station.config, station.store)  # the list the titles page keeps
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    qtbot.mouseClick(window.home.handover_button, Qt.MouseButton.LeftButton)
    page = window.handover
    qtbot.keyClicks(page.search, "Dupond")  # nobody of that name waits
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "Aucun titre en attente à ce nom" in page.status.text() and page.flow is None
    page.search.clear()
    qtbot.keyClicks(page.search, SURNAME.lower())
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.flow is not None, timeout=20_000)
    assert page.flow.holder.number == number


def test_an_envelope_read_by_the_barcode_reader_opens_its_title_and_a_second_scan_waits(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    qtbot.mouseClick(window.home.handover_button, Qt.MouseButton.LeftButton)
    page = window.handover
    hw_mocks.scan_barcode(envelope_barcode(number))  # nothing typed: the reader is read while the page shows
    qtbot.waitUntil(lambda: page.flow is not None, timeout=20_000)
    assert SURNAME in page.holder.text()
    hw_mocks.scan_barcode(envelope_barcode(number))  # a hand-over is under way: not searched again
    qtbot.waitUntil(lambda: "remise est en cours" in page.status.text(), timeout=20_000)
    assert page.flow is not None and SURNAME in page.holder.text()
