"""Reading `biometrics.an2` as far as the CERT needs it: the tagged records of an ANSI/NIST-ITL 1-2011
transaction in traditional encoding (docs/ansi-nist.md), in file order, and their image data.

Written from the published format, like the rest of the CERT. Each tagged record gives its length in x.001
and ends on FS; the binary Type-8 does not name its type and comes last, so it ends the walk. A record that
overruns the file or does not end on FS raises `An2Error`, never a half-read record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TAGGED = re.compile(rb"(\d{1,2})\.001:(\d{1,10})\x1d")
FS, GS = b"\x1c", b"\x1d"
DATA_FIELD = 999  # a tagged image record's data, last and raw: it may hold any byte, separators included


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
