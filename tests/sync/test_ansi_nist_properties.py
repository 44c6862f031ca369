"""Properties of the ANSI/NIST-ITL reader and writer: any transaction `encode` writes is read back
field for field, and any bytes at all, mutated files included, are either read or refused with an
AnsiNistError: never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sync.ansi_nist import AnsiNistError, Record, Transaction, encode, parse
from sync.ansi_nist.records import SEPARATORS

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text items: any Unicode but the four separators (which `encode` refuses by design).
ITEM = st.text(st.characters(blacklist_characters=[chr(b) for b in SEPARATORS], blacklist_categories=["Cs"]),
               max_size=12)
SUBFIELDS = st.lists(st.lists(ITEM, min_size=1, max_size=3), min_size=1, max_size=3)
FIELD_NUMBERS = st.integers(min_value=3, max_value=998)


@st.composite
def tagged_record(draw: st.DrawFn, record_type: int, idc: int) -> Record:
    record = Record(record_type)
    record.set(2, f"{idc:02d}")
    for number in draw(st.sets(FIELD_NUMBERS, max_size=4)):
        record.fields[number] = draw(SUBFIELDS)
    if record_type != 2 and draw(st.booleans()):
        record.fields[999] = draw(st.binary(max_size=64))  # image bytes may hold separators
    return record


@st.composite
def type8_record(draw: st.DrawFn, idc: int) -> Record:
    record = Record(8).set(2, f"{idc:02d}")
    for number, high in ((3, 255), (4, 255), (5, 255), (6, 65535), (7, 65535)):
        record.set(number, str(draw(st.integers(0, high))))
    record.fields[8] = draw(st.binary(max_size=64))
    return record


@st.composite
def transactions(draw: st.DrawFn) -> Transaction:
    type1 = Record(1).set(2, "0500")
    for number in draw(st.sets(st.integers(4, 998), max_size=3)):
        type1.fields[number] = draw(SUBFIELDS)
    records = [type1]
    for idc, kind in enumerate(draw(st.lists(st.sampled_from([2, 10, 14, 8]), max_size=5))):
        records.append(draw(type8_record(idc) if kind == 8 else tagged_record(kind, idc)))
    return Transaction(records)


def _fields(t: Transaction) -> list[tuple[int, dict]]:
    return [(r.type, r.fields) for r in t.records]


@FAST
@given(transactions())
def test_what_encode_writes_parse_reads_back_field_for_field(transaction):
    back = parse(encode(transaction))  # encode fills 1.003 CNT in `transaction` too
    assert _fields(back) == _fields(transaction)


@FAST
@given(st.binary(max_size=300))
@example(b"1.001:" + b"9" * 5000 + b"\x1d")  # a LEN too long for int()
def test_arbitrary_bytes_are_read_or_refused(data):
    try:
        parse(data)
    except AnsiNistError:
        pass


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(encode(draw(transactions())))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 4))]
        else:
            del data[at:]
    return bytes(data)


@FAST
@given(mutated())
@example(b"1.001:35\x1d1.002:0500\x1d1.003:1\x1f1\x1e2\x1f00\x1c2.001:17\x1d2.002:x\x1c")  # IDC not a number
def test_mutated_files_are_read_or_refused(data):
    try:
        parse(data)
    except AnsiNistError:
        pass
