"""ISO/IEC 19794-7 signature/sign time series, full format (binary), with the channels X, Y, T and F.

The standard is not public; the layout below follows its published structure (ISO/IEC 19794-7:2014 binary
encoding, as described by the standard's abstract, the BioAPI/CBEFF registrations and open implementations)
and every assumption is listed in docs/signature-pad.md "ISO/IEC 19794-7 export". All integers big-endian.

    general header   "SDI\\0" | version "020\\0" | record length u32 | representations u16 | certification u8
    representation   length u32 | capture date-time (year u16, month, day, hour, minute, second u8, ms u16,
                     UTC) | device technology u8 | vendor id u16 | device type u16 | quality blocks u8 (0)
                     | channel inclusion u16 (bit 15 = X, 14 = Y, 13 = Z, 12 = VX, 11 = VY, 10 = AX, 9 = AY,
                     8 = T, 7 = DT, 6 = F, 5 = S, 4 = TX, 3 = TY, 2 = A, 1 = E, 0 = R)
                     | one description per included channel: preamble u8 (0x80 scaling, 0x40 minimum,
                     0x20 maximum, 0x10 mean, 0x08 standard deviation, 0x04 constant) then those values,
                     u16 each, in that order | sample count u24 | samples: per sample, each included channel
                     as u16 in inclusion order | extended data length u16 (0)

X and Y are signed channels stored offset by 32768; Y grows upwards (the pad's y is flipped); T is ms
since the first sample (scaling 1000 units per second); F is the pad's raw pressure, 0 when the pen is
up, which is how the format marks the gaps between strokes. Scaling values are 16-bit floats: exponent
(5 bits, biased by 16) and mantissa (11 bits): value = 2^(e-16) × (1 + m/2048).
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime

from ..errors import EnrollmentError
from ..strings import message
from .series import SignatureSeries

FORMAT_ID = b"SDI\x00"
VERSION = b"020\x00"
CHANNEL_BITS = {"X": 15, "Y": 14, "T": 8, "F": 6}
SCALING, MINIMUM, MAXIMUM = 0x80, 0x40, 0x20
SIGNED_OFFSET = 32768
TECH_UNKNOWN, TECH_ELECTROMAGNETIC = 0, 1
MAX_SAMPLES = (1 << 24) - 1


def scaling_value(value: float) -> int:
    """The 16-bit float of the channel descriptions (e.g. 100 units/mm -> 0xB480)."""
    if not 2.0 ** -16 <= value < 2.0 ** 16:
        raise ValueError(f"scaling value {value} out of range")
    e = math.floor(math.log2(value))
    m = round((value / 2.0 ** e - 1) * 2048)
    if m == 2048:
        e, m = e + 1, 0
    return ((e + 16) << 11) | m


def scaling_float(raw: int) -> float:
    return 2.0 ** ((raw >> 11) - 16) * (1 + (raw & 0x7FF) / 2048)


def export(series: SignatureSeries, captured_at: datetime, technology: int = TECH_ELECTROMAGNETIC) -> bytes:
    """The whole record: one representation holding every sample of `series`, pen-up samples included."""
    samples = series.samples
    if not samples:
        raise EnrollmentError("signature.empty", message("signature.empty"))
    if len(samples) > MAX_SAMPLES or series.width > 32768 or series.height > 32768 or series.max_pressure > 65535:
        raise EnrollmentError("signature.export", message("signature.export"))
    t_end = samples[-1].t_ms - samples[0].t_ms
    # 1 ms resolution while it fits 16 bits (65 s of signing); beyond, 10 ms.
    t_per_s, t_div = (1000, 1) if t_end <= 0xFFFF else (100, 10)
    descriptions = b""
    x_max, y_max = series.width - 1, series.height - 1
    for _name, lo, hi, scale in (("X", 0, x_max, series.units_per_mm), ("Y", 0, y_max, series.units_per_mm)):
        preamble = (SCALING if scale else 0) | MINIMUM | MAXIMUM
        descriptions += bytes([preamble]) + (struct.pack(">H", scaling_value(scale)) if scale else b"")
        descriptions += struct.pack(">HH", lo + SIGNED_OFFSET, hi + SIGNED_OFFSET)
    descriptions += bytes([SCALING]) + struct.pack(">H", scaling_value(t_per_s))
    descriptions += bytes([MINIMUM | MAXIMUM]) + struct.pack(">HH", 0, series.max_pressure)
    inclusion = sum(1 << bit for bit in CHANNEL_BITS.values())
    t0 = samples[0].t_ms
    body = b"".join(struct.pack(">HHHH", s.x + SIGNED_OFFSET, y_max - s.y + SIGNED_OFFSET,
                                (s.t_ms - t0) // t_div, s.pressure) for s in samples)
    when = captured_at.astimezone(UTC)
    header = struct.pack(">HBBBBBH", when.year, when.month, when.day, when.hour, when.minute, when.second,
                         when.microsecond // 1000)
    header += struct.pack(">BHHB", technology, 0, 0, 0)  # no registered vendor/type id, no quality block
    header += struct.pack(">H", inclusion) + descriptions + len(samples).to_bytes(3, "big")
    representation_tail = header + body + struct.pack(">H", 0)
    representation = struct.pack(">I", 4 + len(representation_tail)) + representation_tail
    general = FORMAT_ID + VERSION
    total = len(general) + 4 + 2 + 1 + len(representation)
    return general + struct.pack(">IHB", total, 1, 0) + representation
