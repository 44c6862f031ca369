"""Reading `biometrics.an2` as far as the CERT needs it: the tagged records of an ANSI/NIST-ITL 1-2011
transaction in traditional encoding (docs/ansi-nist.md), in file order, and their text fields.

Written from the published format, like the rest of the CERT. Each tagged record gives its length in x.001
and ends on FS; the binary Type-8 does not name its type and comes last, so it ends the walk. A record that
overruns the file or does not end on FS raises `An2Error`, never a half-read record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TAGGED = re.compile(rb"(\d{1,2})\.001:(\d{1,10})\x1d")
FS, GS, RS, US = b"\x1c", b"\x1d", b"\x1e", b"\x1f"
DATA_FIELD = 999  # a tagged image record's data, last and raw: it may hold any byte, separators included

Fields = dict[int, list[list[str]]]  # field number -> subfields -> information items


class An2Error(ValueError):
    """The transaction cannot be read where asked: an English detail naming the place, no personal data."""


def tagged_records(an2: bytes) -> Iterator[tuple[int, bytes]]:
    """Each tagged record's type and bytes (its FS left off), in file order, until the binary record."""
    at = 0
    while at < len(an2):
        head = _TAGGED.match(an2, at)
        if head is None:
            return
        end = at + int(head[2])
        if end > len(an2) or an2[end - 1:end] != FS:
            raise An2Error(f"the type-{int(head[1])} record at byte {at} does not end where its LEN says")
        yield int(head[1]), an2[at:end - 1]
        at = end


def image_data(record: bytes, record_type: int) -> bytes | None:
    """The record's x.999 bytes, or None. Text fields hold no GS, so the first GS+tag is the field."""
    marker = GS + f"{record_type}.{DATA_FIELD}:".encode()
    start = record.find(marker)
    return record[start + len(marker):] if start >= 0 else None


def text_fields(record: bytes, record_type: int) -> Fields:
    """Every text field of the record by number (x.001 LEN included, the image data left out)."""
    marker = GS + f"{record_type}.{DATA_FIELD}:".encode()
    cut = record.find(marker)
    fields: Fields = {}
    for part in (record if cut < 0 else record[:cut]).split(GS):
        tag, colon, value = part.partition(b":")
        number = tag.removeprefix(f"{record_type}.".encode())
        if not colon or number == tag or not number.isdigit() or len(number) > 9 or int(number) in fields:
            raise An2Error(f"the type-{record_type} record has a malformed or repeated tag")
        try:
            fields[int(number)] = [sub.decode("utf-8").split(US.decode()) for sub in value.split(RS)]
        except UnicodeDecodeError as exc:
            raise An2Error(f"field {record_type}.{int(number):03d} is not UTF-8 text") from exc
    return fields


def leading_records(an2: bytes, *types: int) -> list[Fields]:
    """The text fields of the first records, which must be of `types` in that order (Type-1, Type-2...)."""
    out: list[Fields] = []
    records = tagged_records(an2)
    for expected in types:
        found = next(records, None)
        if found is None or found[0] != expected:
            raise An2Error(f"record {len(out) + 1} of the transaction is not the type-{expected} record")
        out.append(text_fields(found[1], expected))
    return out
