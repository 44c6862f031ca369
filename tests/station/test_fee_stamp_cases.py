"""The fee stamp's cases through the real window and the HTTPS CERT: a stolen passport, its declaration and
the stamp its price asks for; a stamp past its date or worth less than due, refused with what the agent
must say; the CERT not answering, the dossier sent flagged and the stamp checked by the CERT on receipt."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cert.lookups.db import LookupDb
from cert.lookups.fee_stamp import FeeStampRecord, FeeStamps
from cert.lookups.seed import FEE_STAMPS
from devstation.factories import complete_dossier
from enrollment.checks import StampCheck
from enrollment.fees import fee_due
from enrollment.model import DocumentKind, Reason, State, TitleType
from station.strings import message
from sync.online_checks.verdicts import euros
from tests.station.test_application_cases import _received, _submit, _summary_codes, open_draft

pytestmark = pytest.mark.e2e


def _cert_stamp(cert_service, number: str) -> FeeStampRecord:
    """The stamp as the CERT's fee-stamp service holds it."""
    db = LookupDb(cert_service.data_dir)
    try:
        record = FeeStamps(db).get(number)
    finally:
        db.close()
    assert record is not None
    return record


def _give_stamp(window, qtbot, number: str, status: StampCheck) -> str:
    """The agent types the stamp at the fee step; the verdict shown once the CERT (or its silence) answered."""
    wiz = window.wizard
    fee = wiz.steps[7]
    wiz.go_to(7)
    fee.stamp.setText(number)
    fee.check(0)
    qtbot.waitUntil(lambda: wiz.dossier.requests[0].stamp_check.status is status, timeout=20_000)
    return fee.verdicts[0].text()


def test_a_stolen_passport_needs_its_declaration_and_the_stamp_its_price_asks_for(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier()
    dossier.fee_stamp = ""
    open_draft(window, station, hw_mocks, dossier)
    wiz = window.wizard
    request = wiz.steps[0].requests[0]
    wiz.go_to(0)
    request.reason_box.setCurrentIndex(request.reason_box.findData(Reason.THEFT))
    assert request.declaration.isVisibleTo(wiz.steps[0])  # the theft's declaration is asked for
    assert {"previous_title.missing", "declaration.missing", "fee_stamp.missing",
            "documents.missing.declaration_perte_vol"} <= _summary_codes(window)

    wiz.go_to(0)
    request.previous_kind.setCurrentIndex(request.previous_kind.findData("passeport"))
    request.previous_number.setText("21ab12345")
    request.declaration.setText("Récépissé 2026/0815")
    due = fee_due(TitleType.PASSPORT, Reason.THEFT, dossier.civil.birth_date, station.today())
    fee = wiz.steps[7]
    wiz.go_to(7)
    assert fee.status.text() == message("fee.due", amount=due)  # the price of a stolen passport, from the table
    assert "valide" in _give_stamp(window, qtbot, FEE_STAMPS["valid_86"], StampCheck.VALID)

    documents = wiz.steps[6]
    wiz.go_to(6)
    assert documents.kind.currentData() == DocumentKind.LOSS_OR_THEFT_DECLARATION  # the missing one first
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: any(d.kind is DocumentKind.LOSS_OR_THEFT_DECLARATION for d in wiz.dossier.documents),
                    timeout=30_000)
    _submit(window, station, qtbot)
    received = _received(cert_service)["passeport"]
    assert received["reason"] == "vol" and received["declaration_reference"] == "Récépissé 2026/0815"
    assert received["previous_title"]["number"] == "21AB12345"
    assert received["fee_stamp"] == FEE_STAMPS["valid_86"] and received["checks"]["fee_stamp"] == "valide"
    assert _cert_stamp(cert_service, FEE_STAMPS["valid_86"]).used_by == received["_key"]


def test_a_stamp_past_its_date_or_worth_less_than_due_is_refused_and_not_held(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier()
    dossier.fee_stamp = ""
    dossier = open_draft(window, station, hw_mocks, dossier)

    shown = _give_stamp(window, qtbot, FEE_STAMPS["expired"], StampCheck.REFUSED)
    assert "a expiré" in shown and "acheter un nouveau" in shown
    assert "fee_stamp.refused" in _summary_codes(window)

    due = fee_due(TitleType.PASSPORT, Reason.FIRST, dossier.civil.birth_date, station.today())
    worth = Decimal(_cert_stamp(cert_service, FEE_STAMPS["valid_25"]).amount_cents) / 100
    assert worth < due  # the seed's cheap stamp cannot pay for an adult's passport
    shown = _give_stamp(window, qtbot, FEE_STAMPS["valid_25"], StampCheck.REFUSED)
    assert "inférieur au montant dû" in shown and euros(worth) in shown and euros(due) in shown
    assert window.wizard.dossier.requests[0].stamp_check.reason == "insufficient"
    assert "fee_stamp.refused" in _summary_codes(window)

    assert station.store.dossiers.state_of(dossier.id) is State.DRAFT  # nothing sealed, nothing sent
    assert _received(cert_service) == {}
    for label in ("expired", "valid_25"):  # neither is held for this dossier: they stay the applicant's
        record = _cert_stamp(cert_service, FEE_STAMPS[label])
        assert record.used_by is None and record.reserved_by is None


def test_a_stamp_the_cert_could_not_check_goes_flagged_and_the_cert_consumes_it_on_receipt(
        window, station, hw_mocks, cert_service, qtbot):
    dossier = complete_dossier()
    dossier.fee_stamp = ""
    dossier = open_draft(window, station, hw_mocks, dossier)
    cert_service.stop()
    shown = _give_stamp(window, qtbot, FEE_STAMPS["valid_86"], StampCheck.TO_VERIFY)
    assert "ne répond pas" in shown and "vérifié par le CERT à réception" in shown
    assert _summary_codes(window) == set()  # flagged "to verify": the agent goes on

    window.wizard.steps[-1].attest.setChecked(True)
    window.wizard.submit_button.click()  # asked again before sealing: still no answer, sealed flagged
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier.id) is State.QUEUED, timeout=30_000)
    cert_service.start()
    station.outbox.wake()
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier.id) is State.PURGED, timeout=60_000)
    received = _received(cert_service)["passeport"]
    assert received["fee_stamp"] == FEE_STAMPS["valid_86"] and received["checks"]["fee_stamp"] == "a_verifier"
    assert _cert_stamp(cert_service, FEE_STAMPS["valid_86"]).used_by == received["_key"]  # checked and used
