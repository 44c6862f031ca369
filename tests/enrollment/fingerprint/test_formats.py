"""What the dossier keeps: WSQ images (~15:1) and ISO/IEC 19794-2 templates, through JSON unchanged."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from enrollment.errors import EnrollmentError
from enrollment.fingerprint.impression import process
from enrollment.fingerprint.matching import match_templates
from enrollment.fingerprint.model import FingerException, FingerPosition, Fingerprint
from enrollment.fingerprint.nbis_engine import extract, template_minutiae
from enrollment.fingerprint.quality import assess
from enrollment.fingerprint.wsq_codec import compression_ratio, decode_wsq, encode_wsq
from enrollment.model import Dossier

from .prints import load, needs_fingers

pytestmark = needs_fingers


def test_wsq_round_trip_keeps_size_and_quality_at_about_fifteen_to_one():
    pixels = load("fvc2002db1b_104_1")
    data = encode_wsq(pixels)
    back = decode_wsq(data)
    assert back.shape == pixels.shape and back.dtype == np.uint8
    assert 10 <= compression_ratio(pixels, data) <= 25  # FBI WSQ targets ~15:1 (0.75 bpp)
    assert np.abs(back.astype(int) - pixels).mean() < 8  # lossy, but close
    assert abs(assess(back).score - assess(pixels).score) <= 10  # still the same print for NFIQ 2


def test_a_corrupted_wsq_record_is_refused_with_a_message():
    with pytest.raises(EnrollmentError) as caught:
        decode_wsq(b"\xff\xa0" + b"\x00" * 40)
    assert caught.value.code == "fingerprint.bad_wsq"


def test_iso_template_round_trip_keeps_the_minutiae_and_matches_its_source():
    found = extract(load("fvc2002db1b_104_1"))
    assert found.template[:8] == b"FMR\x00 20\x00"  # ISO/IEC 19794-2:2005 record header
    assert template_minutiae(found.template) == found.minutiae
    assert match_templates(found.template, found.template).same_finger
    other = extract(load("fvc2002db1b_104_5")).template  # same finger, other impression
    assert match_templates(found.template, other).same_finger


def test_a_truncated_template_is_refused_with_a_message():
    with pytest.raises(EnrollmentError) as caught:
        template_minutiae(b"FMR\x00")
    assert caught.value.code == "fingerprint.bad_template"


def test_the_dossier_json_carries_prints_and_exceptions_unchanged():
    kept = process(load("fvc2002db1b_104_1"), 500, FingerPosition.RIGHT_INDEX, {}).record(tries=2)
    missing = Fingerprint(position=FingerPosition.LEFT_INDEX, exception=FingerException.BANDAGED_OR_INJURED,
                          exception_confirmed_by="AG-0001")
    d = Dossier(fingerprints=[kept, missing])
    back = Dossier.from_json(d.to_json())
    assert back.fingerprints == [kept, missing]
    assert decode_wsq(back.fingerprints[0].wsq).shape == (kept.height, kept.width)
    assert b'"png"' not in d.to_json()


def test_a_record_is_either_a_print_or_a_confirmed_exception():
    with pytest.raises(ValidationError):
        Fingerprint(position=FingerPosition.RIGHT_INDEX)
    with pytest.raises(ValidationError):
        Fingerprint(position=FingerPosition.RIGHT_INDEX, exception=FingerException.AMPUTATED)
