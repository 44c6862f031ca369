"""The data zone of a 2D-Doc: a run of fields, each a 2-character id then its value. A fixed-length value
ends by its length; a variable one by GS (0x1D), by the end of the zone, or at its maximum length; RS (0x1E)
ends a value the issuer truncated.

The lengths below are the specification's (ANTS v3.2.6, perimeter 01: the complementary fields 01–0D and
the invoice fields 10–2D that document types 00–02 use); an id not listed is read as variable-length.
Field table checked against two public implementations of the specification (lib2ddoc, a Java decoder)."""

from __future__ import annotations

from dataclasses import dataclass

GS, RS, US = "\x1d", "\x1e", "\x1f"

# id -> (min, max) length; max None: unbounded. Only the lengths matter to the parser.
LENGTHS: dict[str, tuple[int, int | None]] = {
    "01": (0, None), "02": (0, None), "03": (0, None), "04": (0, None), "05": (0, None),
    "06": (4, 4), "07": (6, 6), "08": (4, 4), "09": (4, 4), "0A": (9, 9), "0B": (9, 9), "0C": (0, None),
    "0D": (36, 36),
    **{i: (0, 38) for i in ("10", "11", "12", "13", "14", "15", "16", "17")},
    "18": (0, None), "19": (0, None), "1A": (0, None), "1B": (0, None), "1C": (8, 8), "1D": (0, 16),
    "1E": (0, 30), "1F": (0, 30), "1G": (1, 1), "1H": (1, 1),
    **{i: (0, 38) for i in ("1I", "1J", "1K", "1L", "1M", "1N", "1O", "1P")},
    # The beneficiary's service point, then the invoice's recipient: address lines 2 to 5, postcode,
    # locality, country.
    **{i: (0, 38) for i in ("20", "21", "22", "23")}, "24": (5, 5), "25": (0, 32), "26": (2, 2),
    **{i: (0, 38) for i in ("27", "28", "29", "2A")}, "2B": (5, 5), "2C": (0, 32), "2D": (2, 2),
}

# Where a person and an address are: the beneficiary of the service first, else the invoice's recipient.
BENEFICIARY = {"line1": "10", "first_name": "12", "last_name": "13", "lines": ("20", "21", "22", "23"),
               "postcode": "24", "commune": "25", "country": "26"}
RECIPIENT = {"line1": "14", "first_name": "16", "last_name": "17", "lines": ("27", "28", "29", "2A"),
             "postcode": "2B", "commune": "2C", "country": "2D"}


class MalformedMessage(ValueError):
    """The data zone does not split into fields."""


def parse_fields(zone: str) -> dict[str, str]:
    """{id: value} of the data zone; raises MalformedMessage on a field cut short or a bad id."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(zone):
        fid = zone[i:i + 2]
        if len(fid) < 2 or not fid.isascii() or not fid.isalnum():
            raise MalformedMessage("id")
        i += 2
        low, high = LENGTHS.get(fid, (0, None))
        if low == high:
            value = zone[i:i + low]
            if len(value) < low or GS in value or RS in value:
                raise MalformedMessage("fixed")
            i += low
        else:
            end = i
            while end < len(zone) and zone[end] not in (GS, RS) and (high is None or end - i < high):
                end += 1
            value = zone[i:end]
            i = end + 1 if end < len(zone) and zone[end] in (GS, RS) else end
        fields[fid] = value
    return fields


@dataclass(frozen=True)
class Holder:
    """The person and address a proof of address names."""

    name: str
    address_lines: tuple[str, ...]
    postcode: str
    commune: str
    country: str


def holder(fields: dict[str, str]) -> Holder:
    ids = BENEFICIARY if any(k in fields for k in ("10", "12", "13", "24", "25")) else RECIPIENT
    given = " ".join(v for v in (fields.get(ids["first_name"], ""), fields.get(ids["last_name"], "")) if v)
    # Line 1 of the postal norm is the name line ("MR/JEAN/DUPONT"): the name when the fields are not apart.
    name = given or fields.get(ids["line1"], "").replace("/", " ").strip()
    lines = tuple(fields[k] for k in ids["lines"] if fields.get(k))
    return Holder(name=name, address_lines=lines, postcode=fields.get(ids["postcode"], ""),
                  commune=fields.get(ids["commune"], ""), country=fields.get(ids["country"], ""))


def encode_fields(fields: dict[str, str]) -> str:
    """The data zone for `fields`, in order (for the test-document maker): GS after a variable value
    unless it is the last or at its maximum length."""
    out = []
    items = list(fields.items())
    for n, (fid, value) in enumerate(items):
        low, high = LENGTHS.get(fid, (0, None))
        if low == high and len(value) != low:
            raise ValueError(f"field {fid} is {low} characters long")
        out.append(fid + value)
        if low != high and n < len(items) - 1 and (high is None or len(value) < high):
            out.append(GS)
    return "".join(out)
