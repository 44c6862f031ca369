"""Keyboard-wedge readers: the classifier tells a reader's burst from a person's typing by the timing alone,
and the wedge reader hands the window's scans to `read()` like any other reader."""

from __future__ import annotations

import threading

import pytest

from devices.barcode import WedgeBarcodeReader, WedgeSettings
from devices.barcode.wedge import Scan, Typing, WedgeClassifier
from devices.diagnose import diagnose
from devices.errors import DeviceError
from tests.devices.threads import off_main


def type_keys(classifier: WedgeClassifier, text: str, gap_s: float, start_s: float = 100.0) -> list:
    decisions = []
    for i, char in enumerate(text):
        decisions += classifier.feed(char, start_s + i * gap_s)
    return decisions


def test_a_fast_burst_ended_by_enter_is_a_scan_and_nothing_is_given_back():
    decisions = type_keys(WedgeClassifier(), "2501ABCD12\r", gap_s=0.004)
    assert decisions == [Scan("2501ABCD12")]


def test_a_person_typing_gets_every_key_back_in_order_and_no_scan():
    classifier = WedgeClassifier()
    decisions = type_keys(classifier, "2501\r", gap_s=0.15)
    decisions += classifier.flush(200.0)
    assert not any(isinstance(d, Scan) for d in decisions)
    assert "".join(k for d in decisions for k in d.keys) == "2501\r"


def test_a_fast_but_short_burst_is_typing():
    assert type_keys(WedgeClassifier(), "ab\r", gap_s=0.002) == [Typing(("a", "b", "\r"))]


def test_a_burst_with_one_slow_key_is_given_back_and_the_rest_may_still_be_a_scan():
    classifier = WedgeClassifier()
    decisions = type_keys(classifier, "xy", gap_s=0.005)
    decisions += type_keys(classifier, "2501ABCD12\r", gap_s=0.005, start_s=101.0)
    assert decisions == [Typing(("x", "y")), Scan("2501ABCD12")]


def test_a_burst_that_goes_quiet_without_its_suffix_is_given_back_when_flushed():
    classifier = WedgeClassifier()
    assert type_keys(classifier, "2501ABCD12", gap_s=0.005) == []
    assert classifier.holding
    assert classifier.flush(100.05 + 0.010) == []  # still within a reader's gap
    assert classifier.flush(101.0) == [Typing(tuple("2501ABCD12"))]
    assert not classifier.holding


def test_the_prefix_is_stripped_and_a_key_that_cannot_start_it_is_given_back_at_once():
    classifier = WedgeClassifier(WedgeSettings(prefix="]Q", suffix="\t"))
    assert classifier.feed("a", 100.0, key="key-a") == [Typing(("key-a",))]
    assert type_keys(classifier, "]Q2501ABCD12\t", gap_s=0.003, start_s=101.0) == [Scan("2501ABCD12")]
    # Enter is not this reader's suffix: a burst ended by Enter waits, then goes back as typing.
    assert type_keys(classifier, "]Q2501ABCD12\r", gap_s=0.003, start_s=102.0) == []
    assert classifier.flush(103.0) == [Typing(tuple("]Q2501ABCD12\r"))]


def test_the_wedge_reader_delivers_the_windows_scans_to_read_in_order():
    reader = WedgeBarcodeReader()
    reader.deliver("2501ABCD12")
    reader.deliver("EVX4RTBPFW41")
    assert off_main(reader.read, 1.0).text == "2501ABCD12"
    later = threading.Timer(0.2, reader.deliver, args=("1234567890123456",))
    later.start()
    assert [off_main(reader.read, 5.0).text for _ in range(2)] == ["EVX4RTBPFW41", "1234567890123456"]


def test_a_code_nobody_read_in_time_is_not_the_answer_to_a_later_read(monkeypatch):
    from devices.barcode import wedge_reader

    reader = WedgeBarcodeReader()
    reader.deliver("EVX4RTBPFW41")  # an envelope scanned on a page that was not reading
    reader.deliver("2501ABCD12")
    assert off_main(reader.read, 1.0).text == "EVX4RTBPFW41"  # read soon after: it is the answer
    monkeypatch.setattr(wedge_reader, "STALE_AFTER_S", 0.0)  # the other one waited too long
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 0.1)
    assert caught.value.code == "barcode.timeout"


def test_the_wedge_reader_times_out_in_french_when_nothing_is_scanned():
    with pytest.raises(DeviceError) as caught:
        off_main(WedgeBarcodeReader().read, 0.1)
    assert caught.value.code == "barcode.timeout" and "code-barres" in caught.value.message


def test_diagnosis_outside_the_window_says_where_to_check_the_reader():
    d = off_main(diagnose, WedgeBarcodeReader())
    assert not d.ok and d.implementation == "wedge"
    assert d.checks[0].name == "capture" and "Diagnostic" in d.checks[0].detail


def test_diagnosis_in_the_window_waits_for_a_test_scan_and_reports_only_its_length():
    reader = WedgeBarcodeReader()
    reader.capture_started()
    threading.Timer(0.2, reader.deliver, args=("2501ABCD12",)).start()
    d = off_main(diagnose, reader)
    assert d.ok, d.to_dict()
    assert [c.name for c in d.checks] == ["capture", "scan"]
    assert "10 caractère" in d.checks[1].detail and "2501ABCD12" not in str(d.to_dict())
