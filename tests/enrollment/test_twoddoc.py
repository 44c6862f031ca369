"""The 2D-Doc verdicts on codes made by a test certification authority: a genuine proof of address passes
with its holder and address; a changed character, an unlisted signer, an old document or a code that is
no 2D-Doc is flagged, never passed."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from devstation.twoddoc_maker import make_authority, make_message, tamper, trust_list_json
from enrollment.documents.twoddoc import (
    MAX_AGE_DAYS,
    TrustList,
    Verdict,
    embedded_trust_list,
    load_trust_list,
    verify_2ddoc,
)
from enrollment.errors import EnrollmentError

TODAY = date(2026, 12, 4)
ISSUED = TODAY - timedelta(days=30)


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture(scope="module")
def trust(authority) -> TrustList:
    return load_trust_list(trust_list_json(authority))


@pytest.mark.parametrize("version", ["02", "03", "04"])
def test_a_genuine_proof_of_address_is_valid_with_its_holder_and_address(authority, trust, version) -> None:
    v = verify_2ddoc(make_message(authority, ISSUED, version=version), trust, TODAY, MAX_AGE_DAYS)

    assert v.verdict is Verdict.VALID and v.ok
    assert v.issuer == "TS01/0001"
    assert v.fields is not None
    assert (v.fields.doc_type, v.fields.emission, v.fields.signed) == ("01", ISSUED, ISSUED)
    h = v.fields.holder
    assert (h.name, h.address_lines, h.postcode, h.commune, h.country) == (
        "JEANNE DUPONT", ("12 RUE VICTOR HUGO",), "75011", "PARIS", "FR")
    assert "TS01/0001" in v.message_fr and ISSUED.strftime("%d/%m/%Y") in v.message_fr


def test_the_name_line_stands_for_the_name_when_first_and_last_names_are_absent(authority, trust) -> None:
    fields = {"10": "MME/JEANNE/DUPONT", "22": "12 RUE VICTOR HUGO", "24": "75011", "25": "PARIS"}
    v = verify_2ddoc(make_message(authority, ISSUED, fields), trust, TODAY)
    assert v.ok and v.fields is not None and v.fields.holder.name == "MME JEANNE DUPONT"


def test_the_invoice_recipient_is_read_when_no_beneficiary_is_named(authority, trust) -> None:
    fields = {"16": "PAUL", "17": "MARTIN", "29": "3 AVENUE FOCH", "2B": "69006", "2C": "LYON", "2D": "FR"}
    v = verify_2ddoc(make_message(authority, ISSUED, fields), trust, TODAY)
    assert v.ok and v.fields is not None
    assert (v.fields.holder.name, v.fields.holder.postcode, v.fields.holder.commune) == ("PAUL MARTIN", "69006", "LYON")


def test_one_changed_character_breaks_the_signature(authority, trust) -> None:
    v = verify_2ddoc(tamper(make_message(authority, ISSUED)), trust, TODAY)
    assert v.verdict is Verdict.INVALID_SIGNATURE and not v.ok
    assert v.fields is not None and v.fields.holder.address_lines == ("12 RUE VICTOR HUGZ",)  # shown, flagged


def test_a_changed_date_in_the_header_breaks_the_signature(authority, trust) -> None:
    text = make_message(authority, ISSUED)
    forged = text[:12] + f"{int(text[12:16], 16) + 200:04X}" + text[16:]
    assert verify_2ddoc(forged, trust, TODAY).verdict is Verdict.INVALID_SIGNATURE


def test_a_signature_by_another_key_under_a_listed_name_is_invalid(authority, trust) -> None:
    impostor = make_authority(ca_id=authority.ca_id, cert_id=authority.cert_id)
    assert verify_2ddoc(make_message(impostor, ISSUED), trust, TODAY).verdict is Verdict.INVALID_SIGNATURE


def test_a_garbled_signature_is_invalid(authority, trust) -> None:
    text = make_message(authority, ISSUED)
    assert verify_2ddoc(text[:-10] + "1" * 10, trust, TODAY).verdict is Verdict.INVALID_SIGNATURE
    assert verify_2ddoc(text.split("\x1f")[0] + "\x1f", trust, TODAY).verdict is Verdict.INVALID_SIGNATURE


def test_an_unlisted_authority_or_certificate_is_an_unknown_issuer(authority, trust) -> None:
    stranger = make_authority(ca_id="TS99")
    v = verify_2ddoc(make_message(stranger, ISSUED), trust, TODAY)
    assert (v.verdict, v.reason, v.issuer) == (Verdict.UNKNOWN_ISSUER, "authority", "TS99/0001")
    other_cert = make_authority(ca_id="TS01", cert_id="0002")
    assert verify_2ddoc(make_message(other_cert, ISSUED), trust, TODAY).reason == "certificate"


def test_the_embedded_list_names_the_ants_authorities_and_trusts_no_test_signer(authority) -> None:
    production = embedded_trust_list()
    assert {"FR01", "FR03", "FR04", "FR05", "FR06", "FR07"} <= production.authorities
    assert verify_2ddoc(make_message(authority, ISSUED), production, TODAY).verdict is Verdict.UNKNOWN_ISSUER


@pytest.mark.parametrize(("age", "verdict"), [(MAX_AGE_DAYS, Verdict.VALID), (MAX_AGE_DAYS + 1, Verdict.EXPIRED)])
def test_a_document_older_than_the_limit_is_expired(authority, trust, age, verdict) -> None:
    v = verify_2ddoc(make_message(authority, TODAY - timedelta(days=age)), trust, TODAY, MAX_AGE_DAYS)
    assert v.verdict is verdict


def test_the_age_limit_is_the_callers(authority, trust) -> None:
    text = make_message(authority, TODAY - timedelta(days=100))
    assert verify_2ddoc(text, trust, TODAY, max_age_days=90).verdict is Verdict.EXPIRED
    assert verify_2ddoc(text, trust, TODAY, max_age_days=180).verdict is Verdict.VALID


def test_a_signature_made_after_the_certificate_expired_is_expired() -> None:
    lapsed = make_authority(valid_from=date(2020, 1, 1), valid_until=ISSUED - timedelta(days=1))
    v = verify_2ddoc(make_message(lapsed, ISSUED), load_trust_list(trust_list_json(lapsed)), TODAY)
    assert (v.verdict, v.reason) == (Verdict.EXPIRED, "certificate")


def test_a_document_dated_in_the_future_is_not_accepted(authority, trust) -> None:
    v = verify_2ddoc(make_message(authority, TODAY + timedelta(days=3)), trust, TODAY)
    assert not v.ok and v.reason == "date"


@pytest.mark.parametrize("text", [
    "", "hello world", "https://example.org/facture/123", "DC", "DC99TS0100011E6D1E6D01\x1fAAAA",
    "DC04ts0100011E6D1E6D0101FR12JEAN\x1fAAAA",  # lower-case identifiers are no C40
])
def test_a_code_that_is_no_2ddoc_is_not_2ddoc(trust, text) -> None:
    v = verify_2ddoc(text, trust, TODAY)
    assert (v.verdict, v.fields, v.issuer) == (Verdict.NOT_2DDOC, None, None)


def test_a_genuine_2ddoc_of_another_kind_is_no_proof_of_address(authority, trust) -> None:
    payslip = make_message(authority, ISSUED, {"50": "12345678900011"}, doc_type="06")
    v = verify_2ddoc(payslip, trust, TODAY)
    assert (v.verdict, v.reason) == (Verdict.NOT_2DDOC, "type")


def test_a_trust_list_with_a_certificate_its_authority_did_not_sign_is_refused(authority) -> None:
    other = make_authority(ca_id="TS02")
    doc = json.loads(trust_list_json(authority))
    doc["certificates"][0]["certificate"] = json.loads(trust_list_json(other))["certificates"][0]["certificate"]
    with pytest.raises(EnrollmentError) as caught:
        load_trust_list(json.dumps(doc).encode())
    assert caught.value.code == "twoddoc.trust_invalid" and "TS01/0001" in caught.value.message


@pytest.mark.parametrize("data", [b"", b"{}", b"not json", b'{"format": 2}', b"[1, 2]"])
def test_a_malformed_trust_list_is_refused_with_a_french_message(data) -> None:
    with pytest.raises(EnrollmentError) as caught:
        load_trust_list(data)
    assert caught.value.code == "twoddoc.trust_invalid" and "Liste de confiance" in caught.value.message


def test_a_signature_spelt_with_other_padding_bits_is_invalid(authority, trust) -> None:
    text = make_message(authority, ISSUED)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    # 64 bytes take 103 Base32 characters: the last carries 2 bits of the signature and 3 unused ones.
    spelt = text[:-1] + alphabet[alphabet.index(text[-1]) | 1]
    assert spelt != text
    assert verify_2ddoc(spelt, trust, TODAY).verdict is Verdict.INVALID_SIGNATURE
