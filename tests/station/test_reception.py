"""Réception des titres through the real window: envelopes scanned one after another on the emulated
reader (or typed), registered at the real CERT with one SMS each, kept while the CERT is down, and every
refusal said in French."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cert.lookups.seed import TITLES
from cert.lookups.sms import SMS_FILE, read_file
from cert.lookups.titles import envelope_barcode
from devstation import scenario
from tests.fixtures.audit import recorded
from tests.fixtures.station import PIN


def open_reception(window, hw_mocks, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    qtbot.mouseClick(window.home.reception_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.reception
    return window.reception


def column(page, col: int) -> list[str]:
    return [page.table.item(row, col).text() for row in range(page.table.rowCount())]


def sms_to(cert_service) -> list[str]:
    return [m.to for m in read_file(cert_service.data_dir / SMS_FILE)]


def test_a_pile_of_envelopes_is_scanned_without_the_mouse_and_each_applicant_gets_one_sms(
        window, hw_mocks, cert_service, qtbot):
    page = open_reception(window, hw_mocks, qtbot)
    for title in ("sent_cni", "sent_passport"):
        hw_mocks.scan_barcode(envelope_barcode(TITLES[title]), symbology="CODE128")
        qtbot.waitUntil(lambda t=title: envelope_barcode(TITLES[t]) in column(page, 1), timeout=15_000)
    qtbot.waitUntil(lambda: column(page, 4) == ["Reçue — SMS envoyé au demandeur"] * 2, timeout=15_000)
    assert column(page, 2) == [f"Passeport {TITLES['sent_passport']}", f"Carte d'identité {TITLES['sent_cni']}"]
    assert sms_to(cert_service) == ["+33639980101", "+33639980102"]

    hw_mocks.scan_barcode(envelope_barcode(TITLES["sent_cni"]), symbology="CODE128")  # the same envelope again
    qtbot.waitUntil(lambda: "déjà été scannée ici" in page.status.text(), timeout=15_000)
    assert page.table.rowCount() == 2 and sms_to(cert_service) == ["+33639980101", "+33639980102"]
    # The audit trail has each envelope once, by its title number and who scanned it.
    assert recorded(window.ctx.store.audit, "envelope_received") == [
        ("AG-0001", TITLES["sent_cni"], None), ("AG-0001", TITLES["sent_passport"], None)]


def test_a_typed_barcode_counts_and_a_misread_one_is_refused_at_once(window, hw_mocks, cert_service, qtbot):
    page = open_reception(window, hw_mocks, qtbot)
    good = envelope_barcode(TITLES["sent_cni"])
    qtbot.keyClicks(page.manual, good[:-1] + str((int(good[-1]) + 1) % 10))
    qtbot.keyClick(page.manual, Qt.Key.Key_Return)
    assert "mal lu" in page.status.text() and page.table.rowCount() == 0
    qtbot.keyClicks(page.manual, " ".join([good[:4], good[4:]]).lower())
    qtbot.keyClick(page.manual, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column(page, 4) == ["Reçue — SMS envoyé au demandeur"], timeout=15_000)


def test_scans_wait_while_the_cert_is_down_and_leave_with_their_sms_when_it_is_back(
        window, station, hw_mocks, cert_service, qtbot):
    page = open_reception(window, hw_mocks, qtbot)
    cert_service.stop()
    hw_mocks.scan_barcode(envelope_barcode(TITLES["sent_cni"]), symbology="CODE128")
    qtbot.waitUntil(lambda: "en attente du CERT" in page.waiting.text(), timeout=15_000)
    assert column(page, 4) == ["En attente du CERT"]
    cert_service.start()
    station.outbox.retry_now()  # the agent's "Réessayer maintenant" (transmissions page) covers scans too
    qtbot.waitUntil(lambda: column(page, 4) == ["Reçue — SMS envoyé au demandeur"], timeout=30_000)
    assert page.waiting.text() == "" and sms_to(cert_service) == ["+33639980101"]


def test_another_mairies_envelope_is_refused_with_the_next_step(window, hw_mocks, cert_service, qtbot):
    page = open_reception(window, hw_mocks, qtbot)
    hw_mocks.scan_barcode(envelope_barcode(TITLES["sent_beaune"]), symbology="CODE128")
    qtbot.waitUntil(lambda: "autre mairie" in page.status.text(), timeout=15_000)
    assert "signalez-la au CERT" in page.status.text()  # the next step
    assert column(page, 4) == ["Refusée — titre à remettre dans une autre mairie"]
    assert sms_to(cert_service) == []

