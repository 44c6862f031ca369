"""Scanning supporting documents through the real window, SANE and hw-mocks' eSCL scanner: a two-page bill
through the feeder is previewed, dropped or kept whole; a jammed feeder is said in French and loses
nothing; a scan under review never lands in another applicant's dossier."""

from __future__ import annotations

from devstation.factories import complete_dossier
from enrollment.model import DocumentKind
from tests.station.test_application_cases import open_draft


def _documents_step(window):
    wiz = window.wizard
    wiz.go_to(6)
    documents = wiz.steps[6]
    documents.kind.setCurrentIndex(documents.kind.findData(DocumentKind.PROOF_OF_ADDRESS))
    documents.restart_button.click()  # the factory's page goes: this test scans its own
    return documents


def _proofs(dossier) -> list:
    return [d for d in dossier.documents if d.kind is DocumentKind.PROOF_OF_ADDRESS]


def test_a_two_page_bill_through_the_feeder_is_previewed_then_dropped_or_kept_whole(window, station, hw_mocks,
                                                                                   qtbot):
    open_draft(window, station, hw_mocks, complete_dossier())
    documents = _documents_step(window)
    dossier = window.wizard.dossier

    hw_mocks.load_feeder(2)
    documents.feeder_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)
    assert "2 page(s)" in documents.status.text()
    assert not documents.scan_button.isEnabled() and not documents.feeder_button.isEnabled()
    assert _proofs(dossier) == []  # nothing is kept before the agent says so

    documents.discard_button.click()
    assert _proofs(dossier) == [] and documents.scan_button.isEnabled() and not documents.keep_button.isEnabled()
    assert "Justificatif de domicile — à numériser" in documents.checklist.text()

    hw_mocks.load_feeder(2)
    documents.feeder_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)
    documents.keep_button.click()
    kept = _proofs(dossier)
    assert [d.page for d in kept] == [1, 2] and all(d.dpi == 300 for d in kept)
    assert "Justificatif de domicile — 2 page(s)" in documents.checklist.text()


def test_a_jammed_feeder_is_said_in_french_and_nothing_is_lost(window, station, hw_mocks, qtbot):
    open_draft(window, station, hw_mocks, complete_dossier())
    documents = _documents_step(window)
    dossier = window.wizard.dossier
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)
    documents.keep_button.click()  # one page from the glass, kept

    hw_mocks.load_feeder(2)
    hw_mocks.control("document_scanner", "fault", {"fault": "jam"})
    documents.feeder_button.click()
    qtbot.waitUntil(lambda: "coincée" in documents.status.text(), timeout=30_000)
    assert documents.feeder_button.isEnabled() and not documents.keep_button.isEnabled()
    assert [d.page for d in _proofs(dossier)] == [1]  # the page kept before is still there

    hw_mocks.control("document_scanner", "fault", {"fault": "clear"})
    documents.feeder_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)
    documents.keep_button.click()
    assert [d.page for d in _proofs(dossier)] == [1, 2, 3]  # the bill's two pages follow the first


def test_a_scan_under_review_stays_with_the_applicant_it_was_made_for(window, station, hw_mocks, qtbot):
    open_draft(window, station, hw_mocks, complete_dossier())
    documents = _documents_step(window)
    first = window.wizard.dossier
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)

    second = complete_dossier()
    second.documents = []
    station.store.dossiers.save_draft(second)
    window.resume_application(second.id)  # the agent turns to another applicant before keeping it
    assert window.wizard.dossier.id == second.id
    steps = window.wizard.steps[6]
    assert not steps.keep_button.isEnabled() and not steps.keep_button.isVisible()
    steps.keep()  # even asked directly, the first applicant's page does not go to the second
    assert _proofs(window.wizard.dossier) == [] and _proofs(first) == []
