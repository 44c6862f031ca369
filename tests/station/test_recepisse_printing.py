"""The récépissé through the real window, pycups, a private cupsd and hw-mocks' network printer: it comes
out when the application is sealed, again on request while the dossier waits for the CERT, and not once
the CERT has it (the station then keeps nothing to print). A printer off never undoes the sealing."""

from __future__ import annotations

import io

import pypdf

from devstation import scenario
from enrollment.model import State
from tests.fixtures.station import PIN


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _said(station) -> list[str]:
    """Every notification the window shows the agent, from now on."""
    said: list[str] = []
    station.notifications.shown.connect(lambda _level, text: said.append(text))
    return said


def test_sealing_prints_the_recepisse_and_it_reprints_until_the_cert_has_the_dossier(window, station, hw_mocks,
                                                                                      cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    cert_service.stop()  # the dossier waits in the outbox: its data stays on the station
    applicant = scenario.Applicant()
    dossier_id = scenario.enroll(window, applicant, hw_mocks.scan_barcode, lambda _: None)

    qtbot.waitUntil(lambda: len(hw_mocks.printed) == 1, timeout=30_000)
    text = _text(hw_mocks.printed[0])
    assert "Récépissé de demande de titre" in text and dossier_id in text and "Mairie de Dijon" in text
    assert applicant.surname in text and applicant.line1 not in text and "1988" not in text

    said = _said(station)
    window.transmissions.refresh()
    window.transmissions.table.selectRow(0)
    window.transmissions.reprint_button.click()
    qtbot.waitUntil(lambda: len(hw_mocks.printed) == 2, timeout=30_000)
    assert hw_mocks.printed[1] != b"" and dossier_id in _text(hw_mocks.printed[1])

    cert_service.start()
    window.transmissions.retry_button.click()
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    window.transmissions.refresh()
    window.transmissions.table.selectRow(0)
    window.transmissions.reprint_button.click()
    qtbot.waitUntil(lambda: any("effacé du poste" in t for t in said), timeout=10_000)
    assert len(hw_mocks.printed) == 2  # nothing left to print: the data went with the acknowledgement


def test_a_printer_switched_off_at_sealing_is_said_and_the_dossier_still_leaves(window, station, hw_mocks,
                                                                                cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    hw_mocks.printer.offline({})
    said = _said(station)
    dossier_id = scenario.enroll(window, scenario.Applicant(), hw_mocks.scan_barcode, lambda _: None)
    qtbot.waitUntil(lambda: any("pas pu être imprimé" in t for t in said), timeout=40_000)
    [warning] = [t for t in said if "pas pu être imprimé" in t]
    assert "Transmissions" in warning and "ne répond pas" in warning  # why, and where to reprint it
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    assert hw_mocks.printed == []


def test_qt_print_dialog_sends_the_recepisse_to_the_printer_the_agent_picks(window, station, hw_mocks,
                                                                            cert_service, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QComboBox

    from hw_mocks.printer.socket_printer import SocketPrinterSim

    office = SocketPrinterSim()  # the back office's printer, a second queue of the same CUPS
    office.start()
    try:
        hw_mocks.cupsd.add_queue("Bureau", office.uri)
        assert "Bureau" in [p.printerName() for p in QPrinterInfo.availablePrinters()]  # Qt sees CUPS's queues
        scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
        cert_service.stop()
        dossier_id = scenario.enroll(window, scenario.Applicant(), hw_mocks.scan_barcode, lambda _: None)
        qtbot.waitUntil(lambda: len(hw_mocks.printed) == 1, timeout=30_000)  # the counter's, at sealing

        page = window.transmissions
        page.refresh()
        page.table.selectRow(0)

        def pick() -> None:  # the agent chooses "Bureau" in the dialog's list of printers and confirms
            [printers] = [c for c in page.print_dialog.findChildren(QComboBox) if c.findText("Bureau") >= 0]
            printers.setCurrentIndex(printers.findText("Bureau"))
            page.print_dialog.accept()

        QTimer.singleShot(300, pick)
        page.print_to_button.click()
        qtbot.waitUntil(lambda: len(office.jobs) == 1, timeout=30_000)
        assert dossier_id in _text(office.jobs[0]) and len(hw_mocks.printed) == 1
    finally:
        office.close()
        hw_mocks.cupsd.remove_queue("Bureau")
