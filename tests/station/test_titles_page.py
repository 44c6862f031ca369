"""Titres en attente through the real window and the real CERT: overdue titles first and marked, search by
name or number, the list kept while the CERT is down, the SMS sent again, and a supervisor returning an
overdue title for destruction."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from cert.lookups.seed import TITLES
from cert.lookups.sms import SMS_FILE, read_file
from devstation import scenario
from station.context import cert_client
from sync import fetch_title_status
from tests.fixtures.audit import recorded
from tests.fixtures.station import PIN

RECEIVED, OVERDUE = TITLES["received"], TITLES["destroyed"]  # the CERT's seeded titles waiting at Dijon


def open_titles(window, hw_mocks, qtbot, card: str = "agent"):
    scenario.login(window, lambda: hw_mocks.insert_card(card), PIN, lambda _: None)
    qtbot.mouseClick(window.home.titles_button, Qt.MouseButton.LeftButton)
    page = window.titles
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: "en attente de remise" in page.status.text(), timeout=15_000)
    return page


def rows(page) -> list[list[str]]:
    return [[page.table.item(r, c).text() for c in range(page.table.columnCount())]
            for r in range(page.table.rowCount())]


def select(page, number: str) -> None:
    row = next(r for r in range(page.table.rowCount()) if number in page.table.item(r, 1).text())
    page.table.selectRow(row)


def test_overdue_titles_come_first_marked_and_the_list_searches_by_number(window, hw_mocks, cert_service, qtbot):
    page = open_titles(window, hw_mocks, qtbot)
    listed = rows(page)
    assert [r[1] for r in listed] == [f"Passeport {OVERDUE}", f"Carte d'identité {RECEIVED}"]
    assert listed[0][4].startswith("Dépassé de") and listed[1][4].endswith("jour(s)")
    assert page.table.item(0, 0).foreground().color().name() == "#ce0500"
    assert "dont 1 au délai dépassé" in page.status.text()
    qtbot.keyClicks(page.search, RECEIVED[:4].lower())
    assert [r[1] for r in rows(page)] == [f"Carte d'identité {RECEIVED}"]
    # An agent neither returns a title nor sends an overdue one's SMS again.
    assert not page.return_button.isVisible()


def test_the_list_is_kept_while_the_cert_is_down(window, hw_mocks, cert_service, qtbot):
    page = open_titles(window, hw_mocks, qtbot)
    cert_service.stop()
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Liste conservée sur le poste" in page.status.text(), timeout=20_000)
    assert len(rows(page)) == 2


def test_the_availability_sms_is_sent_again(window, hw_mocks, cert_service, qtbot):
    page = open_titles(window, hw_mocks, qtbot)
    select(page, RECEIVED)
    assert page.reminder_button.isEnabled()
    qtbot.mouseClick(page.reminder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SMS de rappel est parti" in page.status.text(), timeout=15_000)
    assert [m.to for m in read_file(cert_service.data_dir / SMS_FILE)] == ["+33639980104"]


def test_a_supervisor_returns_an_overdue_title_and_the_cert_follows(window, hw_mocks, cert_service, qtbot):
    page = open_titles(window, hw_mocks, qtbot, card="supervisor")
    select(page, OVERDUE)
    assert page.return_button.isVisible() and page.return_button.isEnabled()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("non retiré dans le délai")
        dialog.accept()

    QTimer.singleShot(200, answer)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "retour du titre au CERT" in page.status.text(), timeout=15_000)
    assert [r[1] for r in rows(page)] == [f"Carte d'identité {RECEIVED}"]
    assert window.ctx.store.waiting_titles.entries().keys() == {RECEIVED}
    with cert_client(window.ctx.config) as client:
        assert fetch_title_status(client, OVERDUE).status == "returned"
    assert recorded(window.ctx.store.audit, "title_returned") == [("AG-0002", OVERDUE, None)]
