"""Properties of the signature pad's report decoders: any interrupt packet gives good reports
within the pad's range and a count of bad ones, never an exception; any GET_INFO reply is a consistent
PadInfo or the ValueError the driver turns into device.bad_reply."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.signature_pad import protocol as r
from devices.signature_pad.model import PadInfo

FAST = settings(max_examples=300, deadline=None)
INFO = PadInfo(width=9600, height=6000, max_pressure=1023, rate_hz=200, box=(100, 100, 9500, 5900))
U16 = st.integers(0, 0xFFFF)


@FAST
@given(st.binary(max_size=200))
def test_any_packet_gives_in_range_reports_and_a_count_of_bad_ones(packet):
    reports, bad = r.parse_packet(packet, INFO)
    if not packet or len(packet) % r.REPORT_LENGTH:
        assert (reports, bad) == ([], 1)
        return
    assert len(reports) + bad == len(packet) // r.REPORT_LENGTH
    for report in reports:
        if isinstance(report, r.PenReport):
            assert report.x < INFO.width and report.y < INFO.height and report.pressure <= INFO.max_pressure
        else:
            assert report.area in (r.AREA_OK, r.AREA_CLEAR, r.AREA_CANCEL)


PEN = st.builds(r.PenReport, tip=st.booleans(), in_range=st.just(True), x=st.integers(0, INFO.width - 1),
                y=st.integers(0, INFO.height - 1), pressure=st.integers(0, INFO.max_pressure), timestamp=U16)
AREA = st.builds(r.AreaReport, area=st.sampled_from([r.AREA_OK, r.AREA_CLEAR, r.AREA_CANCEL]), timestamp=U16)


def _report_bytes(report: r.Report) -> bytes:
    if isinstance(report, r.AreaReport):
        return struct.pack("<BBHHHH", r.REPORT_AREA, report.area, 0, 0, 0, report.timestamp)
    status = (r.STATUS_TIP if report.tip else 0) | r.STATUS_IN_RANGE
    return struct.pack("<BBHHHH", r.REPORT_PEN, status, report.x, report.y, report.pressure, report.timestamp)


@FAST
@given(st.lists(st.one_of(PEN, AREA), min_size=1, max_size=6))
def test_reports_a_pad_sends_are_read_back(sent):
    assert r.parse_packet(b"".join(map(_report_bytes, sent)), INFO) == (sent, 0)


@FAST
@given(st.binary(max_size=40))
def test_any_information_reply_is_consistent_or_refused(data):
    try:
        info = r.parse_info(data, "pad")
    except ValueError:
        return
    x0, y0, x1, y1 = info.box
    assert 0 <= x0 < x1 <= info.width and 0 <= y0 < y1 <= info.height and info.rate_hz and info.max_pressure


@FAST
@given(U16, U16, st.integers(1, 0xFFFF), st.integers(1, 0xFFFF), st.data())
def test_a_consistent_information_reply_is_read_back(width, height, pressure, rate, data):
    if width < 1 or height < 1:
        return
    x0, y0 = data.draw(st.integers(0, width - 1)), data.draw(st.integers(0, height - 1))
    x1, y1 = data.draw(st.integers(x0 + 1, width)), data.draw(st.integers(y0 + 1, height))
    raw = struct.pack("<BBHHHHHHHHHHH", 1, 0, width, height, pressure, rate, 40, 800, 480, x0, y0, x1, y1)
    info = r.parse_info(raw, "pad")
    assert (info.width, info.height, info.max_pressure, info.rate_hz, info.box) == (
        width, height, pressure, rate, (x0, y0, x1, y1))
