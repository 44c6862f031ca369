"""A couplée application's documents step through the real window: the identity card being renewed asks
for its old card, the lost passport for its declaration, each named with its title; the CERT receives each
document in its own title's dossier only."""

from __future__ import annotations

import pytest

from cert.lookups.seed import FEE_STAMPS
from enrollment.request import Reason
from tests.enrollment.test_documents_per_title import _renewed_card_and_lost_passport
from tests.station.test_application_cases import _received, _submit, open_draft

pytestmark = pytest.mark.e2e


def test_each_title_s_documents_are_scanned_by_name_and_reach_its_own_dossier(
        window, station, hw_mocks, cert_service, qtbot):
    dossier, _ = _renewed_card_and_lost_passport()
    dossier.requests[1].fee_stamp = FEE_STAMPS["valid_86"]  # the lost passport's
    open_draft(window, station, hw_mocks, dossier)
    wiz = window.wizard
    documents = wiz.steps[6]
    wiz.go_to(6)
    assert "✘ Titre précédent — Carte nationale d'identité" in documents.checklist.text()
    assert "✘ Déclaration de perte ou de vol — Passeport" in documents.checklist.text()
    assert documents.kind.currentText() == "Titre précédent — Carte nationale d'identité"  # missing: first
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: "✔ Titre précédent — Carte nationale d'identité" in documents.checklist.text(),
                    timeout=30_000)
    assert documents.kind.currentText() == "Déclaration de perte ou de vol — Passeport"
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: "✔ Déclaration de perte ou de vol — Passeport" in documents.checklist.text(),
                    timeout=30_000)
    _submit(window, station, qtbot, count=2)
    received = _received(cert_service)
    card = {f for f in received["cni"]["_files"] if f.startswith("documents/")}
    passport = {f for f in received["passeport"]["_files"] if f.startswith("documents/")}
    assert any("ancien_titre" in f for f in card) and not any("declaration" in f for f in card)
    assert any("declaration_perte_vol" in f for f in passport) and not any("ancien_titre" in f for f in passport)
    assert any("justificatif_domicile" in f for f in card) and any("justificatif_domicile" in f for f in passport)


def test_a_title_s_scan_fills_its_own_request_with_the_mrz_read_on_it(window, station, hw_mocks, qtbot):
    dossier, _ = _renewed_card_and_lost_passport()
    dossier.requests[1].reason, dossier.requests[1].previous = Reason.RENEWAL, None  # both titles renewed
    open_draft(window, station, hw_mocks, dossier)
    wiz = window.wizard
    documents = wiz.steps[6]
    wiz.go_to(6)
    documents.kind.setCurrentIndex(documents.kind.findText("Titre précédent — Passeport"))
    hw_mocks.control("document_scanner", "title", {"kind": "passport", "number": "21AB12345"})
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: "21AB12345" in documents.mrz.text(), timeout=30_000)
    card, passport = wiz.dossier.requests
    assert passport.previous is not None and passport.previous.number == "21AB12345" and passport.previous.from_mrz
    assert card.previous is not None and card.previous.number == "X4RTBPFW4"  # the card's own, untouched
