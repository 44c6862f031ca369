"""A proof of address with a 2D-Doc, scanned at the documents step through the real window and the
emulated scanner: a genuine one is shown verified with its name and address beside those typed; a tampered
one, or one over a year old, is flagged and the dossier cannot be sealed with it; one signed by a
certificate the trust list does not name is shown as such and may go; the verdict travels in the package."""

from __future__ import annotations

import base64
from datetime import date, timedelta

from devstation.factories import complete_dossier
from devstation.twoddoc_maker import make_authority, make_message, page_png, tamper, trust_list_json
from enrollment.model import DocumentKind
from sync.package import package_files
from tests.station.test_application_cases import _received, _submit, open_draft


def _summary_codes(window) -> set[str]:
    wiz = window.wizard
    wiz.go_to(len(wiz.steps) - 1)
    return {p.code for p in wiz.steps[-1].current_problems}


def _scan(window, hw_mocks, qtbot, page: bytes) -> str:
    """Put `page` on the glass, scan it as the proof of address; the 2D-Doc's verdict as shown."""
    wiz = window.wizard
    documents = wiz.steps[6]
    wiz.go_to(6)
    documents.kind.setCurrentIndex(documents.kind.findData(DocumentKind.PROOF_OF_ADDRESS))
    documents.restart_button.click()  # the page scanned before goes
    hw_mocks.control("document_scanner", "page", {"image": base64.b64encode(page).decode(), "dpi": 300})
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: any(d.twoddoc for d in wiz.dossier.documents), timeout=30_000)
    return documents.twoddoc.text()


def test_a_genuine_2ddoc_is_shown_verified_and_a_tampered_one_stops_the_dossier(window, station, hw_mocks, qtbot):
    authority = make_authority()
    station.config.twoddoc_trust_path.write_bytes(trust_list_json(authority))
    dossier = open_draft(window, station, hw_mocks, complete_dossier())
    message = make_message(authority, date.today() - timedelta(days=30))

    shown = _scan(window, hw_mocks, qtbot, page_png(tamper(message)))
    assert "falsifié" in shown
    assert "documents.twoddoc_refused" in _summary_codes(window)

    shown = _scan(window, hw_mocks, qtbot, page_png(message))
    assert "authentique" in shown and "VICTOR HUGO" in shown  # what the code says, beside what was typed
    assert "documents.twoddoc_refused" not in _summary_codes(window)
    [proof] = [d for d in window.wizard.dossier.documents if d.kind is DocumentKind.PROOF_OF_ADDRESS]
    assert proof.twoddoc == "valid"
    files = package_files(window.wizard.dossier, "DR-21231-01", "FRCERT21", dossier.created_at)
    assert b'"twoddoc": "valid"' in files["dossier.json"]


def test_a_2ddoc_signed_outside_the_trust_list_is_shown_unknown_and_travels_flagged(
        window, station, hw_mocks, cert_service, qtbot):
    trusted, stranger = make_authority(), make_authority(ca_id="TS02")
    station.config.twoddoc_trust_path.write_bytes(trust_list_json(trusted))
    open_draft(window, station, hw_mocks, complete_dossier())

    shown = _scan(window, hw_mocks, qtbot, page_png(make_message(stranger, date.today() - timedelta(days=30))))
    assert "inconnu de la liste de confiance" in shown and "TS02" in shown  # who signed it, for the technician
    assert "VICTOR HUGO" in shown  # what it says is still shown, to compare with the dossier
    # Shown, not refused: the embedded trust list names the authorities, not every signing certificate.
    assert _summary_codes(window) == set()
    _submit(window, station, qtbot)
    [proof] = [d for d in _received(cert_service)["passeport"]["documents"] if d["kind"] == "justificatif_domicile"]
    assert proof["twoddoc"] == "unknown_issuer"  # the instructing agent at the CERT sees it too


def test_a_2ddoc_over_a_year_old_is_refused_as_too_old(window, station, hw_mocks, qtbot):
    authority = make_authority()
    station.config.twoddoc_trust_path.write_bytes(trust_list_json(authority))
    open_draft(window, station, hw_mocks, complete_dossier())
    issued = date.today() - timedelta(days=station.config.documents.proof_of_address_max_age_days + 30)

    shown = _scan(window, hw_mocks, qtbot, page_png(make_message(authority, issued)))
    assert "trop ancien" in shown and issued.strftime("%d/%m/%Y") in shown
    [proof] = [d for d in window.wizard.dossier.documents if d.kind is DocumentKind.PROOF_OF_ADDRESS]
    assert proof.twoddoc == "expired"
    assert "documents.twoddoc_refused" in _summary_codes(window)  # the dossier cannot be sealed with it
