"""The application's rules without the window: previous titles, what each case requires, and a couplée
application split into one dossier per title at sealing."""

from __future__ import annotations

from datetime import date

import pytest
from mrz.generator.td1 import TD1CodeGenerator

from devstation.factories import complete_dossier
from enrollment import workflow
from enrollment.checks import BirthCheck
from enrollment.documents_required import missing_documents, required_documents
from enrollment.errors import EnrollmentError
from enrollment.model import DocumentKind, Dossier, State, TitleRequest
from enrollment.nationality import NationalityBasis
from enrollment.request import (
    PreviousTitleKind,
    Reason,
    TitleType,
    previous_title,
    previous_title_from_mrz,
    secure_title_in_force,
    validity_years,
)
from enrollment.validation import validate

TODAY = date(2026, 12, 4)


def codes(d: Dossier) -> set[str]:
    return {p.code for p in validate(d, TODAY)}


@pytest.mark.parametrize(("kind", "good", "bad"), [
    (PreviousTitleKind.CNIE, "x4rt bpfw4", "X4RT"), (PreviousTitleKind.PASSPORT, "21ab12345", "2AB123456"),
    (PreviousTitleKind.CNI_OLD, "880692310285", "88069231028")])
def test_a_previous_titles_number_is_checked_for_its_kind(kind, good, bad):
    assert previous_title(kind, good).number == good.replace(" ", "").upper()
    with pytest.raises(EnrollmentError) as caught:
        previous_title(kind, bad)
    assert caught.value.code == "previous_title.number_format" and "format" in caught.value.message


def test_an_identity_cards_mrz_gives_a_cnie_and_a_foreign_one_is_refused():
    zone = str(TD1CodeGenerator("ID", "FRA", "X4RTBPFW4", "900517", "F", "300101", "FRA", "MARTIN", "LEA"))
    title = previous_title_from_mrz(zone)
    assert (title.kind, title.number, title.from_mrz) == (PreviousTitleKind.CNIE, "X4RTBPFW4", True)
    foreign = str(TD1CodeGenerator("ID", "BEL", "X4RTBPFW4", "900517", "F", "300101", "BEL", "MARTIN", "LEA"))
    with pytest.raises(EnrollmentError) as caught:
        previous_title_from_mrz(foreign)
    assert caught.value.code == "previous_title.not_french"


def test_a_minors_passport_is_valid_five_years_and_a_title_in_force_proves_civil_status():
    assert validity_years(TitleType.PASSPORT, date(2012, 1, 1), TODAY) == 5
    assert validity_years(TitleType.CNI, date(2012, 1, 1), TODAY) == 10
    old = previous_title(PreviousTitleKind.PASSPORT, "21AB12345", date(2012, 1, 1))
    assert secure_title_in_force(old, TODAY)  # expired in 2022, less than 5 years ago
    assert not secure_title_in_force(old.model_copy(update={"issued_on": date(2010, 1, 1)}), TODAY)
    assert not secure_title_in_force(old.model_copy(update={"kind": PreviousTitleKind.CNI_OLD}), TODAY)


def test_the_birth_certificate_follows_comedec_unless_a_secure_title_proves_civil_status():
    d = complete_dossier()
    assert DocumentKind.BIRTH_CERTIFICATE not in {r.kind for r in required_documents(d, TODAY)}
    for status in (BirthCheck.NOT_FOUND, BirthCheck.NOT_CONNECTED):
        d.birth_check.status = status
        assert DocumentKind.BIRTH_CERTIFICATE in {r.kind for r in missing_documents(d, TODAY)}
    d.birth_check.status = BirthCheck.TO_VERIFY  # the CERT did not answer: checked again before sealing
    assert DocumentKind.BIRTH_CERTIFICATE not in {r.kind for r in required_documents(d, TODAY)}
    d.birth_check.status = BirthCheck.NOT_CONNECTED
    d.reason = Reason.RENEWAL
    d.requests[0].previous = previous_title(PreviousTitleKind.PASSPORT, "21AB12345", date(2020, 5, 1))
    assert {r.kind for r in required_documents(d, TODAY)} == {DocumentKind.PROOF_OF_ADDRESS,
                                                                DocumentKind.PREVIOUS_TITLE}


@pytest.mark.parametrize(("basis", "document"), [
    (NationalityBasis.FRENCH_PARENT, DocumentKind.PARENT_NATIONALITY),
    (NationalityBasis.CERTIFICATE, DocumentKind.NATIONALITY_CERTIFICATE),
    (NationalityBasis.NATURALISATION, DocumentKind.NATURALISATION)])
def test_each_way_of_establishing_nationality_asks_for_its_proof(basis, document):
    d = complete_dossier()
    d.nationality = basis
    assert f"documents.missing.{document.value}" in codes(d)


def test_a_couplee_application_asks_each_title_what_it_needs():
    d = complete_dossier()
    d.requests.append(TitleRequest(title=TitleType.PASSPORT, reason=Reason.LOSS))
    found = codes(d)
    assert {"title.twice", "previous_title.missing", "declaration.missing"} <= found
    d.requests[1].title = TitleType.CNI
    d.requests[1].fee_stamp = d.requests[0].fee_stamp
    assert "title.twice" not in codes(d) and "fee_stamp.twice" in codes(d)


def test_a_couplee_application_is_sealed_as_two_linked_dossiers_sharing_the_capture():
    d = complete_dossier()
    d.tes_prints_refused = True
    d.requests = [TitleRequest(title=TitleType.CNI, reason=Reason.FIRST),
                  TitleRequest(title=TitleType.PASSPORT, reason=Reason.FIRST, fee_stamp="1234567890123456")]
    assert codes(d) == set()
    d.state = State.SEALED
    card, passport = workflow.split(d)
    assert card.id == d.id and passport.id != d.id
    assert card.linked_dossiers == [passport.id] and passport.linked_dossiers == [card.id]
    assert (card.title, passport.title) == (TitleType.CNI, TitleType.PASSPORT)
    assert card.tes_prints_refused and not passport.tes_prints_refused  # the CNIe's alone
    assert card.photo == passport.photo and card.fingerprints == passport.fingerprints


def test_a_draft_stored_before_requests_were_a_list_still_opens():
    d = Dossier.from_json(b'{"title": "passeport", "reason": "perte", "fee_stamp": "1234567890123456"}')
    assert (d.title, d.reason, d.fee_stamp) == (TitleType.PASSPORT, Reason.LOSS, "1234567890123456")
