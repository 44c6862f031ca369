"""Finger minutiae records a standard reader at the CERT accepts, read back here by a reader written from
ISO/IEC 19794-2:2005 itself (offsets from the standard's tables, not from the station's writer)."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrollment.errors import EnrollmentError
from enrollment.fingerprint import iso19794_2 as iso
from enrollment.fingerprint.impression import process
from enrollment.fingerprint.model import FingerPosition
from enrollment.fingerprint.nbis_engine import bozorth3, extract
from enrollment.strings import message

from .prints import load, needs_fingers


def standard_reader(data: bytes) -> dict:
    """Record header 24 bytes, finger view header 4 bytes, minutiae 6 bytes each, extended data length 2."""
    assert data[0:4] == b"FMR\x00" and data[4:8] == b" 20\x00"
    record_length = int.from_bytes(data[8:12], "big")
    views = data[22]
    position, view_imp, quality, count = data[24], data[25], data[26], data[27]
    minutiae = []
    for i in range(count):
        a, b = struct.unpack(">HH", data[28 + 6 * i: 32 + 6 * i])
        minutiae.append((a >> 14, a & 0x3FFF, b & 0x3FFF, data[32 + 6 * i], data[33 + 6 * i]))
    ext_at = 28 + 6 * count
    return {
        "length": record_length, "actual": len(data), "width": int.from_bytes(data[14:16], "big"),
        "height": int.from_bytes(data[16:18], "big"), "xres": int.from_bytes(data[18:20], "big"),
        "yres": int.from_bytes(data[20:22], "big"), "views": views, "position": position,
        "view_number": view_imp >> 4, "impression": view_imp & 0x0F, "quality": quality, "count": count,
        "minutiae": minutiae, "extended": int.from_bytes(data[ext_at:ext_at + 2], "big"), "end": ext_at + 2,
    }


@needs_fingers
def test_a_kept_print_carries_a_conformant_record_for_its_finger():
    pixels = load("fvc2002db1b_104_1")
    found = extract(pixels)
    record = process(pixels, 500, FingerPosition.LEFT_INDEX, {}).template
    seen = standard_reader(record)
    assert seen["length"] == seen["actual"] == seen["end"] == 24 + 4 + 6 * found.minutiae + 2
    assert (seen["xres"], seen["yres"], seen["views"]) == (197, 197, 1)
    assert (seen["position"], seen["view_number"], seen["impression"]) == (7, 0, 0)
    assert seen["quality"] == found.nfiq2 and seen["count"] == found.minutiae
    assert (seen["width"], seen["height"]) == (pixels.shape[1], pixels.shape[0])
    assert seen["extended"] == 0


minutia = st.builds(iso.Minutia, kind=st.integers(0, 2), x=st.integers(0, 2**14 - 1), y=st.integers(0, 2**14 - 1),
                    angle=st.integers(0, 255), quality=st.integers(0, 100))
records = st.builds(iso.FingerRecord, width=st.integers(1, 2000), height=st.integers(1, 2000),
                    position=st.integers(0, 10), quality=st.integers(0, 100),
                    minutiae=st.lists(minutia, max_size=255).map(tuple))


@given(records)
def test_any_record_within_bounds_round_trips(record):
    data = iso.write(record)
    assert iso.read(data) == record
    seen = standard_reader(data)
    assert [tuple(m) for m in seen["minutiae"]] == [(m.kind, m.x, m.y, m.angle, m.quality) for m in record.minutiae]
    assert seen["length"] == len(data) and seen["position"] == record.position


@given(records, st.data())
def test_a_truncated_record_is_refused_in_french(record, data):
    raw = iso.write(record)
    cut = data.draw(st.integers(0, len(raw) - 1))
    with pytest.raises(EnrollmentError) as refused:
        iso.read(raw[:cut])
    assert refused.value.message == message("fingerprint.bad_template")


@given(records, st.sampled_from([0, 4, 8, 22]))
def test_a_corrupted_header_is_refused(record, offset):
    raw = bytearray(iso.write(record))
    raw[offset] ^= 0x5A
    with pytest.raises(EnrollmentError):
        iso.read(bytes(raw))


def test_values_the_fields_cannot_hold_are_refused():
    with pytest.raises(EnrollmentError):
        iso.write(iso.FingerRecord(width=10, height=10, position=2, quality=50,
                                   minutiae=(iso.Minutia(1, 2**14, 0, 0, 0),)))


@needs_fingers
@pytest.mark.parametrize("a, b", [("fvc2002db1b_106_1", "fvc2002db1b_106_3"),
                                  ("fvc2002db1b_104_1", "fvc2002db1b_104_2"),
                                  ("fvc2002db1b_106_1", "fvc2002db1b_105_2"),
                                  ("fvc2002db1b_104_1", "fvc2002db1b_107_1")])
def test_bozorth3_scores_the_same_from_conformant_records(a, b):
    first, second = extract(load(a)), extract(load(b))
    before = bozorth3(first.template, second.template)
    after = bozorth3(iso.from_nbis(first.template, 2, first.nfiq2 or 0),
                     iso.from_nbis(second.template, 2, second.nfiq2 or 0))
    assert after == before and isinstance(before, int)

