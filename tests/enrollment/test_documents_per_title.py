"""A couplée application's documents: what one request needs (the previous title it renews, the declaration
of its loss) is asked per title, and goes to that title's dossier only; the rest is shared."""

from __future__ import annotations

from datetime import date

from devstation.factories import complete_dossier
from enrollment import workflow
from enrollment.documents_required import missing_documents
from enrollment.model import Document, DocumentKind, State, TitleRequest
from enrollment.request import PreviousTitleKind, Reason, TitleType, previous_title
from enrollment.validation import validate

TODAY = date(2026, 12, 4)


def _renewed_card_and_lost_passport():
    d = complete_dossier()
    png = d.documents[0].png
    d.documents = [doc for doc in d.documents if doc.kind is DocumentKind.PROOF_OF_ADDRESS]
    d.requests = [
        TitleRequest(title=TitleType.CNI, reason=Reason.RENEWAL,
                     previous=previous_title(PreviousTitleKind.CNIE, "X4RTBPFW4", date(2021, 9, 1), "Dijon")),
        TitleRequest(title=TitleType.PASSPORT, reason=Reason.LOSS, fee_stamp=d.fee_stamp,
                     declaration_reference="PV 12/26",
                     previous=previous_title(PreviousTitleKind.PASSPORT, "21AB12345", date(2019, 6, 3), "Dijon"))]
    return d, png


def test_each_title_is_asked_its_own_documents_by_name():
    d, png = _renewed_card_and_lost_passport()
    missing = {(r.kind, r.title) for r in missing_documents(d, TODAY)}
    assert missing == {(DocumentKind.PREVIOUS_TITLE, TitleType.CNI),
                       (DocumentKind.LOSS_OR_THEFT_DECLARATION, TitleType.PASSPORT)}
    said = {p.message for p in validate(d, TODAY) if p.code.startswith("documents.missing")}
    assert said == {"Carte d'identité : Numérisez le titre précédent.",
                    "Passeport : Numérisez la déclaration de perte ou de vol."}
    # The passport's old booklet handed in does not stand for the identity card being renewed.
    d.documents.append(Document(kind=DocumentKind.PREVIOUS_TITLE, png=png, title=TitleType.PASSPORT))
    assert (DocumentKind.PREVIOUS_TITLE, TitleType.CNI) in {(r.kind, r.title) for r in missing_documents(d, TODAY)}


def test_each_dossier_carries_the_shared_documents_and_its_own_request_s_only():
    d, png = _renewed_card_and_lost_passport()
    d.documents += [Document(kind=DocumentKind.PREVIOUS_TITLE, png=png, title=TitleType.CNI),
                    Document(kind=DocumentKind.LOSS_OR_THEFT_DECLARATION, png=png, title=TitleType.PASSPORT)]
    assert not [p for p in validate(d, TODAY) if p.code.startswith("documents")]
    d.state = State.SEALED
    card, passport = workflow.split(d)
    # The ids are known before the split (a stamp is reserved at the counter for the passport's dossier).
    assert (card.id, passport.id) == (d.id, workflow.title_dossier_id(d, 1))
    assert [doc.kind for doc in card.documents] == [DocumentKind.PROOF_OF_ADDRESS, DocumentKind.PREVIOUS_TITLE]
    assert [doc.kind for doc in passport.documents] == [DocumentKind.PROOF_OF_ADDRESS,
                                                        DocumentKind.LOSS_OR_THEFT_DECLARATION]
    # Each dossier is complete on its own, as the CERT instructs it.
    for one in (card, passport):
        one.state = State.DRAFT
        assert not [p for p in validate(one, TODAY) if p.code.startswith("documents")]
