"""A renewal's previous title scanned at the documents step, through the real window and the simulated
scanner presenting the title: its MRZ is read off the GUI thread and fills the request like a typed MRZ; a
title whose check digit is wrong is refused in French and the agent can still type the number."""

from __future__ import annotations

from devstation.factories import complete_dossier
from enrollment.model import DocumentKind
from enrollment.request import PreviousTitleKind, Reason
from tests.station.test_application_cases import open_draft


def _scan_title(window, hw_mocks, qtbot, args: dict) -> str:
    wiz = window.wizard
    documents = wiz.steps[6]
    wiz.go_to(6)
    documents.kind.setCurrentIndex(documents.kind.findData(DocumentKind.PREVIOUS_TITLE))
    documents.restart_button.click()
    hw_mocks.control("document_scanner", "title", args)
    documents.mrz.setText("")
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: documents.mrz.text() != "" and "…" not in documents.mrz.text(), timeout=30_000)
    return documents.mrz.text()


def test_a_scanned_passport_fills_the_previous_title_and_a_misread_one_is_refused(window, station, hw_mocks, qtbot):
    dossier = complete_dossier()
    dossier.reason = Reason.RENEWAL
    open_draft(window, station, hw_mocks, dossier)
    wiz = window.wizard
    request = wiz.steps[0].requests[0]

    zone = hw_mocks.control("document_scanner", "title", {"kind": "passport", "number": "21AB12345"})["mrz"]
    first, second = zone.splitlines()
    wrong = second[:9] + str((int(second[9]) + 1) % 10) + second[10:]
    shown = _scan_title(window, hw_mocks, qtbot, {"mrz": f"{first}\n{wrong}"})
    assert "chiffre de contrôle" in shown
    assert request.previous_number.text() != "21AB12345"
    assert any(d.kind is DocumentKind.PREVIOUS_TITLE for d in wiz.dossier.documents)  # the page is kept

    shown = _scan_title(window, hw_mocks, qtbot, {"kind": "passport", "number": "21AB12345"})
    assert "21AB12345" in shown and "vérifiés" in shown
    assert request.previous_number.text() == "21AB12345"
    assert request.previous_kind.currentData() == PreviousTitleKind.PASSPORT
    previous = wiz.dossier.requests[0].previous
    assert previous is not None and previous.number == "21AB12345" and previous.from_mrz


def test_the_request_forms_button_reads_the_mrz_on_the_title_scanned(window, station, hw_mocks, qtbot):
    dossier = complete_dossier()
    dossier.reason = Reason.RENEWAL
    open_draft(window, station, hw_mocks, dossier)
    wiz = window.wizard
    request = wiz.steps[0].requests[0]
    wiz.go_to(0)
    request.read_scan_button.click()  # nothing scanned yet
    assert "Aucun ancien titre numérisé" in request.note.text()

    _scan_title(window, hw_mocks, qtbot, {"kind": "cnie", "number": "X4RTBPFW4"})
    wiz.go_to(0)
    request.previous_number.setText("")
    request.read_scan_button.click()
    qtbot.waitUntil(lambda: request.previous_number.text() == "X4RTBPFW4", timeout=30_000)
    assert request.previous_kind.currentData() == PreviousTitleKind.CNIE and request.note.text() == ""
    wiz.go_to(6)  # leaving the request step writes it into the dossier
    assert wiz.dossier.requests[0].previous.from_mrz
