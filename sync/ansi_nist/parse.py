"""Reading a traditional-encoding ANSI/NIST-ITL 1-2011 file back into records, checking as it goes.

Every record's LEN must match the bytes it spans and end on FS; the Type-1 CNT drives the walk (a binary
Type-8 does not name its own type) and must account for every byte of the file. Anything else is refused
with an `AnsiNistError` whose detail says where, never with a half-read transaction.
"""

from __future__ import annotations

from .encode import TYPE8_FIELDS, TYPE8_HEADER
from .records import BINARY_RECORD_TYPES, DATA_FIELD, FS, GS, RS, US, AnsiNistError, Items, Record, Transaction

# A record's LEN in digits: ten cover any file the station could hold, and int() refuses past 4300 digits.
MAX_LEN_DIGITS = 10


def parse(data: bytes) -> Transaction:
    type1, offset = _tagged(data, 0, expected_type=1)
    cnt = type1.items(3)
    try:
        declared = int(cnt[0][1])
        entries = [(int(s[0]), int(s[1])) for s in cnt[1:]]
    except (IndexError, ValueError) as exc:
        raise AnsiNistError("1.003 CNT is malformed") from exc
    if cnt[0][0] != "1" or declared != len(entries):
        raise AnsiNistError(f"1.003 CNT announces {declared} records but lists {len(entries)}")
    records = [type1]
    for index, (record_type, idc) in enumerate(entries, start=1):
        if record_type in BINARY_RECORD_TYPES:
            record, offset = _binary_type8(data, offset)
        else:
            record, offset = _tagged(data, offset, expected_type=record_type)
        if _idc(record) != idc:
            raise AnsiNistError(f"record {index} (type {record_type}) has IDC {record.idc}, CNT says {idc}")
        records.append(record)
    if offset != len(data):
        raise AnsiNistError(f"{len(data) - offset} bytes after the last record listed in CNT")
    return Transaction(records)


def _tagged(data: bytes, start: int, expected_type: int) -> tuple[Record, int]:
    head = f"{expected_type}.001:".encode()
    if not data.startswith(head, start):
        raise AnsiNistError(f"record at byte {start} is not the type-{expected_type} record CNT announces")
    digits_end = start + len(head)
    while digits_end < len(data) and data[digits_end:digits_end + 1].isdigit():
        digits_end += 1
    if not 0 < digits_end - start - len(head) <= MAX_LEN_DIGITS:
        raise AnsiNistError(f"type-{expected_type} record at byte {start} has no length, or an absurd one")
    end = start + int(data[start + len(head):digits_end])
    if end > len(data):
        raise AnsiNistError(f"type-{expected_type} record at byte {start} is truncated")
    if data[end - 1:end] != FS:
        raise AnsiNistError(f"type-{expected_type} record at byte {start}: LEN does not end on FS")
    return Record(expected_type, _fields(data[start:end - 1], expected_type)), end


def _idc(record: Record) -> int:
    try:
        return record.idc
    except ValueError as exc:
        raise AnsiNistError(f"type-{record.type} record: IDC is not a number") from exc


def _fields(body: bytes, record_type: int) -> dict[int, Items | bytes]:
    fields: dict[int, Items | bytes] = {}
    pos = 0
    while pos < len(body):
        colon = body.find(b":", pos)
        tag = body[pos:colon].decode("ascii", "replace").split(".")
        if colon < 0 or len(tag) != 2 or not all(t.isdigit() for t in tag) or int(tag[0]) != record_type:
            raise AnsiNistError(f"type-{record_type} record: malformed tag at byte {pos}")
        number = int(tag[1])
        if number in fields:
            raise AnsiNistError(f"type-{record_type} record: field {number:03d} twice")
        if number == DATA_FIELD:
            # Image bytes may hold any separator value: the data field runs to the end of the record.
            fields[number] = body[colon + 1:]
            break
        end = body.find(GS, colon + 1)
        end = len(body) if end < 0 else end
        fields[number] = _items(body[colon + 1:end], record_type, number)
        pos = end + 1
    if 1 not in fields:
        raise AnsiNistError(f"type-{record_type} record has no LEN field")
    del fields[1]  # checked by the caller; `encode` writes it afresh
    if record_type != 1 and 2 not in fields:
        raise AnsiNistError(f"type-{record_type} record has no IDC field")
    return fields


def _items(value: bytes, record_type: int, number: int) -> Items:
    try:
        return [[i.decode("utf-8") for i in sub.split(US)] for sub in value.split(RS)]
    except UnicodeDecodeError as exc:
        raise AnsiNistError(f"field {record_type}.{number:03d} is not UTF-8 text") from exc


def _binary_type8(data: bytes, start: int) -> tuple[Record, int]:
    if start + TYPE8_HEADER.size > len(data):
        raise AnsiNistError(f"type-8 record at byte {start} is truncated")
    length, *values = TYPE8_HEADER.unpack_from(data, start)
    end = start + length
    if length < TYPE8_HEADER.size or end > len(data):
        raise AnsiNistError(f"type-8 record at byte {start} has a LEN of {length} beyond the file")
    record = Record(8)
    for number, value in zip(TYPE8_FIELDS, values, strict=True):
        record.set(number, f"{value:02d}" if number == 2 else str(value))
    record.fields[8] = data[start + TYPE8_HEADER.size:end]
    return record, end
