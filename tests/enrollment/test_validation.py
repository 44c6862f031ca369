from datetime import date

from devstation.factories import complete_dossier
from enrollment.fees import fee_due
from enrollment.model import Dossier, Reason, Signature, TitleType
from enrollment.validation import validate

TODAY = date(2026, 11, 27)


def codes(d: Dossier) -> set[str]:
    return {p.code for p in validate(d, TODAY)}


def test_complete_dossier_has_no_problem():
    assert validate(complete_dossier(), TODAY) == []


def test_empty_draft_lists_every_missing_part_in_french():
    problems = validate(Dossier(), TODAY)
    found = {p.code for p in problems}
    assert {"title.missing", "civil.surname.missing", "photo.missing", "fingerprints.missing",
            "signature.missing", "documents.missing.justificatif_domicile"} <= found
    assert all(p.message and p.message[0].isupper() for p in problems)


def test_child_under_12_gives_no_fingerprints_and_over_12_must():
    child = complete_dossier(birth=date(2016, 1, 1))
    assert "fingerprints.not_expected" in codes(child)
    child.fingerprints = []
    assert codes(child) == set()
    teen = complete_dossier(birth=date(2014, 11, 27))  # 12 today
    teen.fingerprints = []
    assert "fingerprints.missing" in codes(teen)


def test_malformed_identifiers_are_refused():
    d = complete_dossier()
    d.pre_application = "ab12"
    d.fee_stamp = "12345"
    d.address.postcode = "2100"
    d.contact.phone = "0112345678"
    assert {"pre_application.format", "fee_stamp.format", "address.postcode.format",
            "contact.phone.format"} <= codes(d)


def test_birth_date_in_the_future_is_refused():
    d = complete_dossier(birth=date(2030, 1, 1))
    assert "civil.birth_date.future" in codes(d)


def test_signature_exemption_is_accepted_in_place_of_a_signature():
    d = complete_dossier()
    d.signature = Signature(exemption="Personne dans l'impossibilité de signer")
    assert codes(d) == set()


def test_fees_follow_title_reason_and_age():
    adult, teen, child = date(1990, 1, 1), date(2010, 1, 1), date(2015, 1, 1)
    assert fee_due(TitleType.PASSPORT, Reason.FIRST, adult, TODAY) == 86
    assert fee_due(TitleType.PASSPORT, Reason.FIRST, teen, TODAY) == 42
    assert fee_due(TitleType.PASSPORT, Reason.FIRST, child, TODAY) == 17
    assert fee_due(TitleType.CNI, Reason.FIRST, adult, TODAY) == 0
    assert fee_due(TitleType.CNI, Reason.LOSS, adult, TODAY) == 25


def test_free_cni_needs_no_stamp_but_loss_needs_the_declaration():
    d = complete_dossier()
    d.title, d.fee_stamp = TitleType.CNI, ""
    assert codes(d) == set()
    d.reason = Reason.THEFT
    assert {"fee_stamp.missing", "documents.missing.declaration_perte_vol"} <= codes(d)
