"""The biometric transaction of a dossier: built, written, read back record by record, refused when damaged."""

from __future__ import annotations

from datetime import UTC, date, datetime

import cv2
import numpy as np
import pytest

from devstation.factories import complete_dossier
from enrollment.fingerprint.model import FingerException
from enrollment.fingerprint.wsq_codec import decode_wsq
from enrollment.model import FingerPosition, Fingerprint, Reason, Signature, TitleRequest, TitleType
from enrollment.signature.model import SignatureExemption
from enrollment.workflow import split
from sync.ansi_nist import AnsiNistError, encode, parse, transaction_from_dossier
from sync.ansi_nist.records import FS, GS

STATION, CERT = "DR-21231-01", "CERT-NEVERS"
AT = datetime(2025, 3, 4, 10, 20, 30, tzinfo=UTC)


def _wire(dossier):
    return encode(transaction_from_dossier(dossier, STATION, CERT, at=AT))


def _record_spans(data: bytes, types: list[int]) -> list[bytes]:
    """Cut the file by each record's own LEN, as an independent reader would."""
    spans, pos = [], 0
    for t in types:
        if t == 8:
            length = int.from_bytes(data[pos:pos + 4], "big")
        else:
            length = int(data[pos:data.index(GS, pos)].split(b":")[1])
        spans.append(data[pos:pos + length])
        pos += length
    assert pos == len(data)
    return spans


def test_complete_dossier_round_trips_record_by_record():
    dossier = complete_dossier()
    back = parse(_wire(dossier))
    assert [r.type for r in back.records] == [1, 2, 10, 14, 14, 8]
    t1 = back.type1
    assert t1.text(2) == "0500" and t1.text(7) == CERT and t1.text(8) == STATION and t1.text(9) == dossier.id
    assert t1.text(5) == "20250304" and t1.text(14) == "20250304102030Z" and t1.text(11) == "19.69"
    assert t1.items(3) == [["1", "5"], ["2", "00"], ["10", "01"], ["14", "02"], ["14", "03"], ["8", "04"]]
    assert [r.idc for r in back.records[1:]] == [0, 1, 2, 3, 4]

    face = back.of_type(10)[0]
    assert face.data == dossier.photo.jpeg
    assert {n: face.text(n) for n in (3, 4, 6, 7, 8, 11, 12, 20)} == {
        3: "FACE", 4: STATION, 6: "413", 7: "531", 8: "1", 11: "JPEGB", 12: "YCC", 20: "F"}
    assert face.text(9) == face.text(10) == "300"

    for record, finger in zip(back.of_type(14), dossier.fingerprints, strict=True):
        assert record.data == finger.wsq
        assert record.text(13) == finger.position.value and record.text(11) == "WSQ20"
        assert (record.text(3), record.text(12), record.text(9)) == ("0", "8", "500")
        assert (int(record.text(6)), int(record.text(7))) == (finger.width, finger.height)
        assert record.items(24)[0][:2] == [finger.position.value, "31"]
        pixels = decode_wsq(record.data)  # the CERT's decoder reads what we wrote
        assert pixels.shape == (finger.height, finger.width)

    sig = back.of_type(8)[0]
    grey = cv2.imdecode(np.frombuffer(dossier.signature.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert (int(sig.text(6)), int(sig.text(7))) == (600, 150)
    assert sig.data == grey.tobytes()
    assert back.of_type(2)[0].text(8) == "300"


def test_len_fields_equal_the_bytes_on_the_wire():
    data = _wire(complete_dossier())
    spans = _record_spans(data, [1, 2, 10, 14, 14, 8])
    for span in spans[:-1]:
        assert span.endswith(FS)
    assert b"".join(spans) == data


def test_private_data_stays_out_of_the_transaction():
    data = _wire(complete_dossier())
    for secret in (b"ZYGOMATIQUE", "Philomène".encode(), b"1990", b"Quenouilles"):
        assert secret not in data


def test_finger_exception_recorded_in_type2_without_image_record():
    dossier = complete_dossier()
    dossier.fingerprints[1] = Fingerprint(position=FingerPosition.LEFT_INDEX, exception=FingerException.AMPUTATED,
                                          exception_confirmed_by="AG-0001")
    dossier.fingerprints.append(Fingerprint(position=FingerPosition.LEFT_MIDDLE,
                                            exception=FingerException.BANDAGED_OR_INJURED,
                                            exception_confirmed_by="AG-0001"))
    back = parse(_wire(dossier))
    assert [r.text(13) for r in back.of_type(14)] == ["2"]
    type2 = back.of_type(2)[0]
    assert type2.items(6) == [["7", "XX", "amputation"], ["8", "UP", "pansement_ou_blessure"]]
    assert type2.text(5) == "3"


def test_child_without_fingerprints_has_no_type14():
    dossier = complete_dossier()
    dossier.fingerprints = []
    back = parse(_wire(dossier))
    assert back.of_type(14) == [] and back.type1.items(3)[0] == ["1", "3"]
    assert back.of_type(2)[0].text(5) == "0"


def test_signature_exemption_is_a_mention_in_type2_and_no_type8():
    dossier = complete_dossier()
    dossier.signature = Signature(exemption="Dispensé de signature : enfant de moins de 12 ans",
                                  exemption_reason=SignatureExemption.CHILD)
    back = parse(_wire(dossier))
    assert back.of_type(8) == []
    assert back.of_type(2)[0].items(7) == [["enfant", "Dispensé de signature : enfant de moins de 12 ans"]]


@pytest.mark.parametrize("cut", [1, 10, 300, -5000, -1])
def test_truncated_file_is_refused(cut):
    data = _wire(complete_dossier())
    with pytest.raises(AnsiNistError) as err:
        parse(data[:cut])
    assert err.value.code == "ansi_nist.malformed" and "assistance" in err.value.message


def test_garbled_files_are_refused():
    data = _wire(complete_dossier())
    extra = data + b"2.001:10\x1d2.002:05\x1c"
    bad_len = data.replace(b"1.001:", b"1.001:9", 1)
    bad_cnt = data.replace(b"\x1e14\x1f03", b"\x1e10\x1f03", 1)
    bad_tag = data.replace(b"2.003:", b"2.0x3:", 1)
    for garbled in (extra, bad_len, bad_cnt, bad_tag, b"", b"\x00" * 64):
        with pytest.raises(AnsiNistError):
            parse(garbled)


def test_separator_inside_a_value_is_refused_on_encoding():
    dossier = complete_dossier()
    dossier.signature = Signature(exemption="mention\x1dpiégée", exemption_reason=SignatureExemption.UNABLE)
    with pytest.raises(AnsiNistError):
        _wire(dossier)


def _type2(dossier):
    return parse(_wire(dossier)).of_type(2)[0]


def test_an_adult_single_title_writes_no_couplee_refusal_or_age_reason_tags():
    type2 = _type2(complete_dossier())  # born 1990-03-02, a passport alone, signed by the applicant
    assert 10 not in type2.fields and 11 not in type2.fields and 13 not in type2.fields
    assert type2.items(12) == [["demandeur"]]
    assert type2.text(14) == "35"  # completed years on 1.005 DAT, 2025-03-04


def test_a_couplee_application_names_the_other_dossier_in_each_transaction():
    dossier = complete_dossier()
    dossier.tes_prints_refused = True
    dossier.requests = [TitleRequest(title=TitleType.CNI, reason=Reason.FIRST),
                        TitleRequest(title=TitleType.PASSPORT, reason=Reason.FIRST, fee_stamp="1234567890123456")]
    card, passport = split(dossier)
    card_type2, passport_type2 = _type2(card), _type2(passport)
    assert card_type2.items(10) == [[passport.id]] and passport_type2.items(10) == [[card.id]]
    assert (card_type2.text(3), passport_type2.text(3)) == (card.id, passport.id)
    # The refusal concerns the identity card's prints: only its transaction says so.
    assert card_type2.text(11) == "1" and 11 not in passport_type2.fields


def test_a_child_under_twelve_has_no_prints_and_says_why():
    child = complete_dossier(birth=date(2016, 5, 1))  # 8 on 1.005 DAT
    child.fingerprints = []
    child.signature = Signature(exemption="Dispensé de signature : enfant de moins de 12 ans",
                                exemption_reason=SignatureExemption.CHILD)
    back = parse(_wire(child))
    assert back.of_type(14) == [] and back.of_type(8) == []
    type2 = back.of_type(2)[0]
    assert type2.text(5) == "0" and type2.items(13) == [["age", "12"]] and type2.text(14) == "8"
    # The holder of parental authority signed for the exempted child.
    assert type2.items(12) == [["dispense"], ["autorite_parentale"]]


def test_a_minor_who_signs_is_listed_with_the_holder_of_parental_authority():
    teen = complete_dossier(birth=date(2010, 1, 15))  # 15 on 1.005 DAT: prints taken, signs
    type2 = _type2(teen)
    assert type2.items(12) == [["demandeur"], ["autorite_parentale"]]
    assert 13 not in type2.fields and type2.text(14) == "15"


def test_an_adult_unable_to_sign_is_exempt_with_no_other_signer():
    dossier = complete_dossier()
    dossier.signature = Signature(exemption="Dispensé de signature : incapacité",
                                  exemption_reason=SignatureExemption.UNABLE)
    assert _type2(dossier).items(12) == [["dispense"]]
