"""What the dossier keeps: the title's image at its size, and an ISO/IEC 19794-7 record that reads back."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import cv2
import numpy as np

from enrollment.signature import RENDER_HEIGHT_PX, RENDER_WIDTH_PX, export, render_signature
from enrollment.signature.iso19794_7 import scaling_float, scaling_value
from tests.enrollment.signature.pad import series_of

CHANNELS = ("X", "Y", "Z", "VX", "VY", "AX", "AY", "T", "DT", "F", "S", "TX", "TY", "A", "E", "R")


def read_iso(data: bytes) -> dict:
    """A small independent reader of the full format (the layout in enrollment/signature/iso19794_7.py)."""
    assert data[:4] == b"SDI\x00" and data[4:8] == b"020\x00"
    length, count, cert = struct.unpack_from(">IHB", data, 8)
    assert length == len(data) and count == 1 and cert == 0
    pos = 15
    (rep_len,) = struct.unpack_from(">I", data, pos)
    assert pos + rep_len == len(data)
    year, month, day, hour, minute, second, ms = struct.unpack_from(">HBBBBBH", data, pos + 4)
    tech, vendor, dtype, quality = struct.unpack_from(">BHHB", data, pos + 13)
    (inclusion,) = struct.unpack_from(">H", data, pos + 19)
    pos += 21
    channels = [name for i, name in enumerate(CHANNELS) if inclusion & (1 << (15 - i))]
    desc = {}
    for name in channels:
        pre = data[pos]
        pos += 1
        fields = {}
        for bit, key in ((0x80, "scale"), (0x40, "min"), (0x20, "max"), (0x10, "mean"), (0x08, "std")):
            if pre & bit:
                (fields[key],) = struct.unpack_from(">H", data, pos)
                pos += 2
        desc[name] = fields
    n = int.from_bytes(data[pos:pos + 3], "big")
    pos += 3
    rows = np.frombuffer(data, dtype=">u2", count=n * len(channels), offset=pos).reshape(n, len(channels))
    pos += 2 * n * len(channels)
    (ext,) = struct.unpack_from(">H", data, pos)
    assert ext == 0 and pos + 2 == len(data)
    return {"when": (year, month, day, hour, minute, second, ms), "tech": tech, "vendor": vendor, "type": dtype,
            "quality": quality, "channels": channels, "desc": desc, "rows": rows}


def test_iso_19794_7_record_reads_back_every_sample(pad_bus):
    trace = pad_bus.sign(seed=2)
    series = series_of(trace)
    when = datetime(2025, 3, 4, 10, 11, 12, 345000, tzinfo=UTC)
    rec = read_iso(export(series, when))
    assert rec["channels"] == ["X", "Y", "T", "F"]
    assert rec["when"] == (2025, 3, 4, 10, 11, 12, 345)
    assert scaling_float(rec["desc"]["X"]["scale"]) == 100.0  # units per mm
    assert scaling_float(rec["desc"]["T"]["scale"]) == 1000.0  # units per second: ms
    assert rec["desc"]["F"] == {"min": 0, "max": 1023}
    rows = rec["rows"].astype(int)
    assert len(rows) == len(series.samples)
    xs = rows[:, 0] - 32768
    ys = series.height - 1 - (rows[:, 1] - 32768)  # Y up in the record
    assert xs.tolist() == [s.x for s in series.samples]
    assert ys.tolist() == [s.y for s in series.samples]
    assert rows[:, 2].tolist() == [s.t_ms for s in series.samples]
    assert rows[:, 3].tolist() == [s.pressure for s in series.samples]
    assert (rows[:, 3] == 0).sum() == len(series.strokes())  # pen-up samples separate the strokes


def test_scaling_values_round_trip():
    for v in (1.0, 100.0, 1000.0, 39.37, 0.5):
        assert abs(scaling_float(scaling_value(v)) - v) / v < 1e-3


def test_title_image_has_the_zone_size_and_the_ink_fills_it(pad_bus):
    png = render_signature(series_of(pad_bus.sign(seed=3)))
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert image.shape == (RENDER_HEIGHT_PX, RENDER_WIDTH_PX)  # 8-bit grey, 600 × 150 (50.8 × 12.7 mm at 300 dpi)
    ink = np.argwhere(image < 128)
    assert len(ink) > 2000
    width = ink[:, 1].max() - ink[:, 1].min()
    height = ink[:, 0].max() - ink[:, 0].min()
    assert width > 0.9 * RENDER_WIDTH_PX or height > 0.85 * RENDER_HEIGHT_PX  # fitted to the zone
    assert image[0, :].min() == 255 and image[:, 0].min() == 255  # margins stay white
