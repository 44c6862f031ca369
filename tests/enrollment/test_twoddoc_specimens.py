"""Real 2D-Docs: the ANTS's own proof-of-address specimens, signed by its test authority FR00 (certificate
0001), verify with that certificate's published public key. They pin what a test authority of ours could
not: that the bytes signed, the Base32 r‖s and the field lengths are the specification's, not our reading
of it. The specimens and the key are public (the specification's examples, reproduced by the open-source
2D-Doc decoders); the key is FR00/0001's public key only."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from enrollment.documents.twoddoc import SigningCertificate, TrustList, Verdict, embedded_trust_list, verify_2ddoc

FR00_0001 = load_pem_public_key(
    b"-----BEGIN PUBLIC KEY-----\n"
    b"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqY8NfM1igIiTvsTUNuedGDSh1uAB1w8cTNzNnZ4v4in3JAUU6N3AypjQx0QMnMSShJoPvac/w5L02grgf4TCPA==\n"
    b"-----END PUBLIC KEY-----\n")
ANTS_TEST = TrustList(source="ANTS test authority", issued="2012-01-01", authorities=frozenset({"FR00"}),
                      certificates={("FR00", "0001"): SigningCertificate("FR00", "0001", FR00_0001,
                                                                         date(2012, 1, 1), date(2030, 1, 1))})
# An invoice (type 01, v02): fixed-length country and postcode first, then the name line and line 4.
INVOICE = ("DC02FR000001125E125B0126FR247500010MME/SPECIMEN/NATACHA\x1d22145 AVENUE DES SPECIMENS\x1d\x1f"
           "54LDD5F7JD4JEFPR6WZYVZVB2JZXPZB73SP7WUTN5N44P3GESXW75JZUZD5FM3G4URAJ6IKDSSUB66Y3OWQIEH22G46QOAGWH7YHJWQ")
# A specific proof (type 00, v02), with empty variable fields.
SPECIFIC = ("DC02FR000001125E125C0026FR245700010MLLE/SAMPLE/ANGELA\x1d20\x1d21BAT 2 ETG 3\x1d23\x1d25METZ\x1d"
            "227 PLACE DES SPECIMENS\x1d\x1fZ2HSK7UZM6KPL7UL6OK7NR77GSPGPNNUYYEE4ZV75L5OCIWKVOXTV3I5AJLRSUDOIR76F75QY"
            "5Z7KLH3FACKHVF7JH3DYMRI5EIAZMI")
ISSUED = date(2012, 11, 15)


def test_the_ants_invoice_specimen_verifies_with_its_name_and_address() -> None:
    v = verify_2ddoc(INVOICE, ANTS_TEST, date(2012, 12, 1))
    assert (v.verdict, v.issuer) == (Verdict.VALID, "FR00/0001")
    assert v.fields is not None
    assert (v.fields.doc_type, v.fields.emission, v.fields.signed) == ("01", ISSUED, date(2012, 11, 12))
    h = v.fields.holder
    assert (h.name, h.address_lines, h.postcode, h.country) == (
        "MME SPECIMEN NATACHA", ("145 AVENUE DES SPECIMENS",), "75000", "FR")


def test_the_ants_specific_specimen_verifies_with_its_address_lines_in_order() -> None:
    v = verify_2ddoc(SPECIFIC, ANTS_TEST, date(2012, 12, 1))
    assert v.verdict is Verdict.VALID and v.fields is not None
    h = v.fields.holder
    assert (h.name, h.address_lines, h.postcode, h.commune) == (
        "MLLE SAMPLE ANGELA", ("BAT 2 ETG 3", "7 PLACE DES SPECIMENS"), "57000", "METZ")


@pytest.mark.parametrize("specimen", [INVOICE, SPECIFIC])
def test_a_specimen_with_one_character_changed_is_refused(specimen) -> None:
    at = specimen.index("SPECIMEN")
    changed = specimen[:at] + "T" + specimen[at + 1:]
    assert verify_2ddoc(changed, ANTS_TEST, date(2012, 12, 1)).verdict is Verdict.INVALID_SIGNATURE


def test_the_specimens_are_years_too_old_today_and_their_test_signer_is_not_in_the_production_list() -> None:
    assert verify_2ddoc(INVOICE, ANTS_TEST, date(2026, 12, 4)).verdict is Verdict.EXPIRED
    assert verify_2ddoc(INVOICE, embedded_trust_list(), date(2012, 12, 1)).verdict is Verdict.UNKNOWN_ISSUER
