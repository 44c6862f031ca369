"""Writing a transaction in the traditional encoding of ANSI/NIST-ITL 1-2011 (NIST SP 500-290 §7.2).

Tagged records: "T.FFF:value" fields joined by GS, subfields by RS, items by US, the record ended by FS,
field numbers ascending with the image data (x.999) last. Type-8 is the one binary record we write: a fixed
12-byte header (LEN u32, IDC, SIG, SRT, ISR u8, HLL, VLL u16, big-endian) then the image bytes.
"""

from __future__ import annotations

import struct

from .records import BINARY_RECORD_TYPES, DATA_FIELD, FS, GS, RS, SEPARATORS, US, AnsiNistError, Record, Transaction

TYPE8_HEADER = struct.Struct(">IBBBBHH")  # LEN, IDC, SIG, SRT, ISR, HLL, VLL: 12 bytes (500-290 Table 8)
TYPE8_FIELDS = (2, 3, 4, 5, 6, 7)  # IDC SIG SRT ISR HLL VLL, in header order after LEN


def encode(transaction: Transaction) -> bytes:
    """The whole file: Type-1 (with CNT filled from the records) then every other record, in order."""
    records = transaction.records
    if not records or records[0].type != 1 or any(r.type == 1 for r in records[1:]):
        raise AnsiNistError("a transaction starts with its one Type-1 record")
    type1 = records[0]
    type1.set(3, ("1", str(len(records) - 1)), *((str(r.type), f"{r.idc:02d}") for r in records[1:]))
    return b"".join(encode_record(r) for r in records)


def encode_record(record: Record) -> bytes:
    if record.type in BINARY_RECORD_TYPES:
        return _binary_type8(record)
    return _tagged(record)


def _tagged(record: Record) -> bytes:
    parts = []
    for number in sorted(n for n in record.fields if n != 1):
        value = record.fields[number]
        tag = f"{record.type}.{number:03d}:".encode()
        if isinstance(value, bytes):
            if number != DATA_FIELD:
                raise AnsiNistError(f"binary value outside the data field {record.type}.{number:03d}")
            parts.append(tag + value)
        else:
            parts.append(tag + _text(record.type, number, value))
    rest = GS + GS.join(parts) + FS if parts else FS
    # LEN counts every byte of the record, its own digits included: grow it until it is stable.
    prefix = f"{record.type}.001:".encode()
    length = len(prefix) + len(rest)
    while len(prefix) + len(str(length)) + len(rest) != length:
        length = len(prefix) + len(str(length)) + len(rest)
    return prefix + str(length).encode() + rest


def _text(record_type: int, number: int, subfields: list[list[str]]) -> bytes:
    # A separator inside an item would shift every following field: refuse rather than corrupt.
    if any(ch.encode() in SEPARATORS for items in subfields for item in items for ch in item):
        raise AnsiNistError(f"separator character inside field {record_type}.{number:03d}")
    return RS.join(US.join(item.encode("utf-8") for item in items) for items in subfields)


def _binary_type8(record: Record) -> bytes:
    data = record.data
    try:
        values = [int(record.text(n)) for n in TYPE8_FIELDS]
        header = TYPE8_HEADER.pack(TYPE8_HEADER.size + len(data), *values)
    except (ValueError, struct.error) as exc:
        raise AnsiNistError("type-8 header value out of range") from exc
    return header + data
