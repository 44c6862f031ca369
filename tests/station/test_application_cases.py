"""The application's cases through the real window, the real store and the HTTPS CERT: a couplée request
sealed as two linked dossiers, a minor enrolled with the holder of parental authority who signs, a renewal
whose previous title is read from its MRZ (a misread check digit refused), a loss with its declaration."""

from __future__ import annotations

import json

import pytest
from mrz.generator.td3 import TD3CodeGenerator
from PySide6.QtCore import QDate

from cert.lookups.seed import FEE_STAMPS
from cert.storage import Storage
from devstation import scenario
from devstation.factories import complete_dossier
from enrollment.checks import BirthCheck, BirthCheckResult
from enrollment.model import Document, DocumentKind, Dossier, Reason, State, TitleType
from enrollment.nationality import NationalityBasis
from tests.cert.titles_at_mairie import years_ago
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def _received(cert_service) -> dict[str, dict]:
    """What the CERT received, by title: dossier.json and the package's other entries' names."""
    storage = Storage(cert_service.data_dir)
    try:
        out = {}
        for d in storage.all():
            files = storage.files(d.dossier_number)
            dossier = json.loads(files["dossier.json"])
            out[dossier["title"]] = {**dossier, "_key": d.idempotency_key, "_files": set(files)}
        return out
    finally:
        storage.close()


def open_draft(window, station, hw_mocks, dossier: Dossier) -> Dossier:
    """The agent resumes a dossier whose captures are done (the factory's), to finish its application."""
    dossier.state = State.DRAFT
    if dossier.fee_stamp:
        dossier.fee_stamp = FEE_STAMPS["valid_86"]  # one the reference CERT sold: checked before sealing
    station.store.dossiers.save_draft(dossier)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.resume_application(dossier.id)
    assert window.pages.currentWidget() is window.wizard
    return dossier


def _summary_codes(window) -> set[str]:
    wiz = window.wizard
    wiz.go_to(len(wiz.steps) - 1)
    return {p.code for p in wiz.steps[-1].current_problems}


def _submit(window, station, qtbot, count: int = 1) -> None:
    wiz = window.wizard
    assert _summary_codes(window) == set()
    wiz.steps[-1].attest.setChecked(True)  # the applicant attests on honour
    wiz.submit_button.click()
    qtbot.waitUntil(lambda: len(station.store.dossiers.summaries()) == count and all(
        s.state is State.PURGED for s in station.store.dossiers.summaries()), timeout=60_000)


def test_a_couplee_application_is_one_interview_and_two_linked_dossiers_at_the_cert(
        window, station, hw_mocks, cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    scenario.enroll(window, scenario.Applicant(coupled=True), hw_mocks.scan_barcode, lambda _: None)
    qtbot.waitUntil(lambda: len(station.store.dossiers.summaries()) == 2 and all(
        s.state is State.PURGED for s in station.store.dossiers.summaries()), timeout=60_000)
    received = _received(cert_service)
    passport, card = received["passeport"], received["cni"]
    assert passport["linked_dossiers"] == [card["_key"]] and card["linked_dossiers"] == [passport["_key"]]
    assert passport["fee_stamp"] == FEE_STAMPS["valid_86"] and card["fee_stamp"] == ""  # a first CNIe is free
    # Checked at the counter: COMEDEC found the birth, the stamp was valid and reserved for the passport.
    assert passport["checks"] == {"birth": "confirme", "birth_differing": [], "fee_stamp": "valide"}
    assert passport["civil"] == card["civil"]  # one interview, one capture
    assert passport["civil"]["birth_insee"] == "21231"  # "Dijon" typed: the one commune of that name, coded
    assert {"biometrics.an2", "signature.iso19794-7"} <= passport["_files"] & card["_files"]


def test_a_minor_is_enrolled_with_the_holder_of_parental_authority_who_signs(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier(birth=years_ago(14))
    dossier.guardian = None  # the agent records who came with the child
    dossier.documents = [d for d in dossier.documents if d.kind is not DocumentKind.GUARDIAN_ID]
    open_draft(window, station, hw_mocks, dossier)
    assert {"guardian.missing", "documents.missing.identite_parent"} <= _summary_codes(window)

    wiz = window.wizard
    civil = wiz.steps[1]
    wiz.go_to(1)
    assert civil.guardian.isVisible()
    civil.guardian.surname.setText("Zygomatique")
    civil.guardian.given_names.setText("Anatole")
    civil.guardian.link.setCurrentIndex(civil.guardian.link.findText("Père"))
    civil.guardian.id_document.setText("CNI X4RTBPFW4")
    civil.guardian.separated.setChecked(True)
    assert "guardian.judgement" in _summary_codes(window)  # separated parents: the judgement is seen
    wiz.go_to(1)
    civil.guardian.judgement.setChecked(True)

    signature = wiz.steps[5]
    wiz.go_to(5)
    assert signature.guardian_row.isVisible()
    signature.guardian_button.click()
    qtbot.waitUntil(lambda: wiz.dossier.guardian is not None and wiz.dossier.guardian.signature is not None,
                    timeout=30_000)

    documents = wiz.steps[6]
    wiz.go_to(6)
    assert documents.kind.currentData() == DocumentKind.GUARDIAN_ID  # the missing one is offered first
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: any(d.kind is DocumentKind.GUARDIAN_ID for d in wiz.dossier.documents), timeout=30_000)
    assert documents.kind.currentData() == DocumentKind.JUDGEMENT  # then the next one missing
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: any(d.kind is DocumentKind.JUDGEMENT for d in wiz.dossier.documents), timeout=30_000)
    _submit(window, station, qtbot)
    received = _received(cert_service)["passeport"]
    assert received["guardian"]["surname"] == "ZYGOMATIQUE" and received["guardian"]["judgement_seen"]
    assert "guardian-signature.png" in received["_files"]


def _td3(number: str) -> str:
    return str(TD3CodeGenerator("P", "FRA", "ZYGOMATIQUE", "PHILOMENE", number, "FRA", "900302", "F", "300101",
                                ""))


def test_a_renewal_reads_the_previous_title_from_its_mrz_and_refuses_a_misread_check_digit(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier()
    dossier.reason = Reason.RENEWAL
    dossier.nationality = NationalityBasis.PREVIOUS_TITLE
    open_draft(window, station, hw_mocks, dossier)
    assert "previous_title.missing" in _summary_codes(window)

    wiz = window.wizard
    request = wiz.steps[0].requests[0]
    wiz.go_to(0)
    zone = _td3("21AB12345")
    first, second = zone.splitlines()
    misread = second[:9] + str((int(second[9]) + 1) % 10) + second[10:]  # the number's check digit
    request.previous_number.setText(f"{first}\n{misread}")
    request.previous_number.editingFinished.emit()
    assert "chiffre de contrôle" in request.note.text()
    request.previous_number.setText(zone)
    request.previous_number.editingFinished.emit()
    assert request.previous_number.text() == "21AB12345" and request.note.text() == ""
    assert request.previous_kind.currentData() == "passeport"
    request.previous_issued.setDate(QDate(2019, 6, 3))
    request.previous_authority.setText("Préfecture du Doubs")
    assert "documents.missing.ancien_titre" in _summary_codes(window)  # the title itself is handed in

    wiz.go_to(6)
    wiz.steps[6].scan_button.click()  # the previous title, offered first
    qtbot.waitUntil(wiz.steps[6].keep_button.isEnabled, timeout=30_000)  # the preview
    wiz.steps[6].keep_button.click()
    qtbot.waitUntil(lambda: any(d.kind is DocumentKind.PREVIOUS_TITLE for d in wiz.dossier.documents),
                    timeout=30_000)
    _submit(window, station, qtbot)
    previous = _received(cert_service)["passeport"]["previous_title"]
    assert previous == {"kind": "passeport", "number": "21AB12345", "issued_on": "2019-06-03",
                        "authority": "Préfecture du Doubs", "from_mrz": True}


def test_a_lost_identity_card_needs_its_declaration_and_a_25_euro_stamp(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier()
    dossier.title, dossier.reason, dossier.fee_stamp = TitleType.CNI, Reason.LOSS, ""
    dossier.documents.append(Document(kind=DocumentKind.LOSS_OR_THEFT_DECLARATION, png=dossier.documents[0].png))
    open_draft(window, station, hw_mocks, dossier)
    codes = _summary_codes(window)
    assert {"previous_title.missing", "declaration.missing", "fee_stamp.missing"} <= codes

    wiz = window.wizard
    request = wiz.steps[0].requests[0]
    wiz.go_to(0)
    request.previous_kind.setCurrentIndex(request.previous_kind.findData("cnie"))
    request.previous_number.setText("X4RT")  # too short for a CNIe
    wiz.go_to(7)
    assert "9 caractères" in request.note.text()
    wiz.go_to(0)
    request.previous_number.setText("x4rtbpfw4")
    request.declaration.setText("PV 2026/1234")
    fee = wiz.steps[7]
    wiz.go_to(7)
    assert "25" in fee.status.text()
    fee.stamp.setText(FEE_STAMPS["used"])  # another dossier used it
    fee.check(0)
    qtbot.waitUntil(lambda: "fee_stamp.refused" in _summary_codes(window), timeout=20_000)
    wiz.go_to(7)
    assert "déjà été utilisé" in fee.verdicts[0].text()
    fee.stamp.setText(FEE_STAMPS["valid_25"])
    fee.check(0)
    qtbot.waitUntil(lambda: wiz.dossier.requests[0].stamp_check.status.value == "valide", timeout=20_000)
    _submit(window, station, qtbot)
    received = _received(cert_service)["cni"]
    assert received["previous_title"]["number"] == "X4RTBPFW4" and received["declaration_reference"] == "PV 2026/1234"
    assert received["fee_stamp"] == FEE_STAMPS["valid_25"] and received["checks"]["fee_stamp"] == "valide"


def _birth_unchecked_at(dossier: Dossier, place: str) -> Dossier:
    dossier.civil.birth_place = place
    dossier.birth_check = BirthCheckResult()  # COMEDEC not asked yet
    return dossier


def _leave_civil_status(window, qtbot, status: BirthCheck) -> None:
    wiz = window.wizard
    wiz.go_to(1)
    wiz.go_to(2)  # leaving the civil status asks COMEDEC
    qtbot.waitUntil(lambda: wiz.dossier.birth_check.status is status, timeout=20_000)


def test_a_birth_in_a_commune_not_connected_to_comedec_requires_the_paper_certificate(
        window, station, hw_mocks, cert_service, qtbot):
    open_draft(window, station, hw_mocks, _birth_unchecked_at(complete_dossier(), "Agencourt"))
    _leave_civil_status(window, qtbot, BirthCheck.NOT_CONNECTED)
    assert "documents.missing.acte_naissance" in _summary_codes(window)


def test_comedec_unreachable_lets_the_agent_go_on_and_is_asked_again_before_sealing(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = open_draft(window, station, hw_mocks, _birth_unchecked_at(complete_dossier(), "Agencourt"))
    cert_service.stop()
    _leave_civil_status(window, qtbot, BirthCheck.TO_VERIFY)
    assert _summary_codes(window) == set()  # flagged "to verify": the application goes on
    cert_service.start()
    window.wizard.steps[-1].attest.setChecked(True)
    window.wizard.submit_button.click()  # the check is made again: the commune is not connected
    qtbot.waitUntil(lambda: window.wizard.dossier.birth_check.status is BirthCheck.NOT_CONNECTED, timeout=30_000)
    assert station.store.dossiers.state_of(dossier.id) is State.DRAFT  # back to the agent, nothing sent
    assert window.wizard.current_step is window.wizard.steps[-1]  # at the summary, which says what to add
    assert "documents.missing.acte_naissance" in _summary_codes(window)
