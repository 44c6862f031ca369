"""ISO/IEC 19794-2:2005 finger minutiae records: the conformant writer, our reader, and the bridge to nbis-py.

nbis-py 0.1.3 writes a short, non-conformant layout (26 + 6n bytes: zero resolution, zero finger views, a
finger-view header spread over the resolution and reserved bytes, no extended-data length) and its Bozorth3
only loads that layout. So a record travels conformant, and is narrowed back to nbis-py's layout just before
matching.

Conformant layout (big-endian): record header of 24 bytes ("FMR\\0", " 20\\0", record length u32, capture
equipment u16, width u16, height u16, x and y resolution u16 in pixels per centimetre, finger views u8,
reserved u8), then per finger view a 4-byte header (finger position, view number << 4 | impression type,
finger quality, minutiae count), 6 bytes per minutia (type << 14 | x, y, angle in 360/256 degree units,
quality) and a u16 extended-data block length.

Angles: MINDTCT measures a minutia's direction in 11.25 degree steps from the vertical, clockwise; the standard
wants counter-clockwise from the x axis (origin top-left, y down) in 360/256 degree units. nbis-py already
converts (ISO angle = 90 - 11.25 * direction, wrapped, quantised to 1.40625 degrees) and reverses this exactly
when it loads a template, so the minutia bytes are copied unchanged: recomputing them here would round
differently and change Bozorth3 scores. Types follow the standard too (1 ridge ending, 2 bifurcation); the
minutia quality is MINDTCT's reliability x 63, inside the standard's 0-100."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ..errors import EnrollmentError
from ..strings import message

MAGIC = b"FMR\x00"
VERSION = b" 20\x00"
HEADER = struct.Struct(">4s4sIHHHHHBB")  # 24 bytes
VIEW = struct.Struct(">BBBB")
MINUTIA = struct.Struct(">HHBB")
PPCM_500_PPI = 197  # 500 pixels per inch / 2.54 = 196.85, rounded as the standard asks
LIVE_SCAN_PLAIN = 0
_NBIS_HEADER = 26  # nbis-py reads the minutiae count from byte 25 and the minutiae from byte 26


@dataclass(frozen=True)
class Minutia:
    kind: int  # 0 other, 1 ridge ending, 2 bifurcation
    x: int  # pixels from the left edge, 14 bits
    y: int  # pixels from the top edge, 14 bits
    angle: int  # counter-clockwise from the x axis, 360/256 degree units
    quality: int  # 0-100, 0 = not reported


@dataclass(frozen=True)
class FingerRecord:
    """One finger view, as our station writes and reads it."""

    width: int
    height: int
    position: int  # ISO/ANSI finger code (FingerPosition value)
    quality: int  # NFIQ 2, 0-100
    minutiae: tuple[Minutia, ...]
    impression: int = LIVE_SCAN_PLAIN
    resolution: int = PPCM_500_PPI
    view: int = 0


def _refuse() -> EnrollmentError:
    return EnrollmentError("fingerprint.bad_template", message("fingerprint.bad_template"))


def write(record: FingerRecord) -> bytes:
    """The conformant bytes of one finger view (refuses values its fields cannot hold)."""
    count = len(record.minutiae)
    if count > 255 or not (0 <= record.position <= 10 and 0 <= record.quality <= 100):
        raise _refuse()
    length = HEADER.size + VIEW.size + MINUTIA.size * count + 2
    try:
        out = [HEADER.pack(MAGIC, VERSION, length, 0, record.width, record.height,
                           record.resolution, record.resolution, 1, 0),
               VIEW.pack(record.position, (record.view << 4) | record.impression, record.quality, count)]
        out += [MINUTIA.pack((m.kind << 14) | m.x, m.y, m.angle, m.quality) for m in record.minutiae
                if _fits(m)]
    except struct.error as exc:
        raise _refuse() from exc
    if len(out) != count + 2:
        raise _refuse()
    return b"".join(out) + b"\x00\x00"


def _fits(m: Minutia) -> bool:
    if not (0 <= m.kind <= 2 and 0 <= m.x < 1 << 14 and 0 <= m.y < 1 << 14 and 0 <= m.quality <= 100):
        raise _refuse()
    return True


def read(data: bytes) -> FingerRecord:
    """Parse a single-view record; anything truncated, padded or out of range is refused."""
    if len(data) < HEADER.size + VIEW.size + 2:
        raise _refuse()
    magic, version, length, _, width, height, xres, yres, views, _ = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or length != len(data) or views != 1 or xres != yres:
        raise _refuse()
    position, view_impression, quality, count = VIEW.unpack_from(data, HEADER.size)
    start = HEADER.size + VIEW.size
    end = start + MINUTIA.size * count
    if end + 2 > len(data) or position > 10 or quality > 100:
        raise _refuse()
    (extended,) = struct.unpack_from(">H", data, end)
    if end + 2 + extended != len(data):
        raise _refuse()
    minutiae = []
    for offset in range(start, end, MINUTIA.size):
        tx, y, angle, q = MINUTIA.unpack_from(data, offset)
        if tx >> 14 > 2 or y >> 14 or q > 100:
            raise _refuse()
        minutiae.append(Minutia(tx >> 14, tx & 0x3FFF, y, angle, q))
    return FingerRecord(width=width, height=height, position=position, quality=quality,
                        minutiae=tuple(minutiae), impression=view_impression & 0x0F,
                        resolution=xres, view=view_impression >> 4)


def from_nbis(nbis_template: bytes, position: int, quality: int) -> bytes:
    """Rewrap nbis-py's template as a conformant record for one finger."""
    if len(nbis_template) < _NBIS_HEADER or nbis_template[:4] != MAGIC:
        raise _refuse()
    width, height = struct.unpack_from(">HH", nbis_template, 14)
    (count,) = struct.unpack_from(">H", nbis_template, 24)
    body = nbis_template[_NBIS_HEADER:]
    if len(body) != MINUTIA.size * count:
        raise _refuse()
    minutiae = tuple(
        Minutia(tx >> 14, tx & 0x3FFF, y, angle, q)
        for tx, y, angle, q in MINUTIA.iter_unpack(body))
    return write(FingerRecord(width=width, height=height, position=position, quality=quality,
                              minutiae=minutiae))


def to_nbis(record: bytes) -> bytes:
    """Narrow a conformant record to the layout nbis-py's Bozorth3 loads (same minutia bytes)."""
    parsed = read(record)
    body = b"".join(MINUTIA.pack((m.kind << 14) | m.x, m.y, m.angle, m.quality) for m in parsed.minutiae)
    length = _NBIS_HEADER + len(body)
    return (HEADER.pack(MAGIC, VERSION, length, 0, parsed.width, parsed.height, 0, 0, 0, 0)
            + struct.pack(">H", len(parsed.minutiae)) + body)


def is_conformant(data: bytes) -> bool:
    """Whether bytes look like our conformant record (one finger view declared in the header)."""
    return len(data) >= HEADER.size and data[:4] == MAGIC and data[22] == 1
