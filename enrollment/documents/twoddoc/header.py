"""The 2D-Doc header (ANTS specification v3.2.6, C40 form): what it says and where it ends.

  DC | version (2) | certification authority id (4) | certificate id (4) | emission date (4) |
  signature date (4) | document type (2) [| perimeter (2), v03 and v04] [| issuing country (2), v04]

Dates are hexadecimal day counts since 2000-01-01; "FFFF" means the issuer gave none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH = date(2000, 1, 1)
NO_DATE = "FFFF"
# Header length by version: 22 for 01 and 02, plus the perimeter for 03, plus the issuing country for 04.
LENGTHS = {"01": 22, "02": 22, "03": 24, "04": 26}
# Document types of perimeter 01 that prove an address: 00 specific, 01 invoice, 02 housing-tax notice.
PROOF_OF_ADDRESS = frozenset({"00", "01", "02"})

_ID = re.compile(r"[A-Z0-9]{4}")
_DATE = re.compile(r"[0-9A-F]{4}")
_TYPE = re.compile(r"[A-Z0-9]{2}")


class NotTwoDDoc(ValueError):
    """The text is not a 2D-Doc this station reads (no header, unknown version, malformed header)."""


@dataclass(frozen=True)
class Header:
    version: str
    ca_id: str
    cert_id: str
    emission: date | None
    signed: date | None
    doc_type: str
    perimeter: str  # "01" (ANTS) when the version predates the field
    country: str  # "FR" when the version predates the field
    length: int

    @property
    def issuer(self) -> str:
        return f"{self.ca_id}/{self.cert_id}"


def _date(raw: str) -> date | None:
    if not _DATE.fullmatch(raw):
        raise NotTwoDDoc("date")
    if raw == NO_DATE:
        return None
    return EPOCH + timedelta(days=int(raw, 16))


def parse_header(text: str) -> Header:
    """The header at the start of `text`; raises NotTwoDDoc when there is none."""
    if not text.startswith("DC") or text[2:4] not in LENGTHS:
        raise NotTwoDDoc("marker")
    version = text[2:4]
    length = LENGTHS[version]
    if len(text) < length:
        raise NotTwoDDoc("short")
    ca_id, cert_id, doc_type = text[4:8], text[8:12], text[20:22]
    if not (_ID.fullmatch(ca_id) and _ID.fullmatch(cert_id) and _TYPE.fullmatch(doc_type)):
        raise NotTwoDDoc("identifiers")
    perimeter = text[22:24] if length >= 24 else "01"
    country = text[24:26] if length >= 26 else "FR"
    if not (_TYPE.fullmatch(perimeter) and re.fullmatch(r"[A-Z]{2}", country)):
        raise NotTwoDDoc("perimeter")
    return Header(version=version, ca_id=ca_id, cert_id=cert_id, emission=_date(text[12:16]),
                  signed=_date(text[16:20]), doc_type=doc_type, perimeter=perimeter, country=country, length=length)


def encode_date(day: date) -> str:
    """The 4-character form of `day` (for the test-document maker)."""
    return f"{(day - EPOCH).days:04X}"
