"""Command APDUs as a card reads them (ISO/IEC 7816-4 cases 1 to 4, short and extended lengths)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Apdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None: no Le field; 0 means the most the length form allows (256 or 65536)
    extended: bool = False


def parse(raw: bytes) -> Apdu | None:
    """The APDU in `raw`, or None when its length bytes do not add up."""
    if len(raw) < 4:
        return None
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return Apdu(cla, ins, p1, p2, b"", None)
    if len(body) == 1:
        return Apdu(cla, ins, p1, p2, b"", body[0])
    if body[0] == 0 and len(body) >= 3:
        return _parse_extended(cla, ins, p1, p2, body)
    lc = body[0]
    if lc == 0 or len(body) not in (1 + lc, 2 + lc):
        return None
    le = body[1 + lc] if len(body) == 2 + lc else None
    return Apdu(cla, ins, p1, p2, bytes(body[1 : 1 + lc]), le)


def _parse_extended(cla: int, ins: int, p1: int, p2: int, body: bytes) -> Apdu | None:
    if len(body) == 3:  # case 2E: Le only
        return Apdu(cla, ins, p1, p2, b"", int.from_bytes(body[1:3], "big"), extended=True)
    lc = int.from_bytes(body[1:3], "big")
    if lc == 0 or len(body) not in (3 + lc, 5 + lc):
        return None
    le = int.from_bytes(body[3 + lc :], "big") if len(body) == 5 + lc else None
    return Apdu(cla, ins, p1, p2, bytes(body[3 : 3 + lc]), le, extended=True)
