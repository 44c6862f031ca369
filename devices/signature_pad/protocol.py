"""The pad's USB protocol as the station speaks it (docs/signature-pad.md): ids, requests, report layouts.

Modelled on the common HID signature pads (Wacom STU, Topaz): small fixed-size little-endian pen reports on
an interrupt IN endpoint at the pad's native rate, device facts and screen commands as vendor control
requests. Pure parsing, no I/O: a vendor driver for another pad maps its own bytes to the same `PenReport`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from devices.signature_pad.model import PadInfo

VENDOR_ID = 0x1209  # pid.codes, the open-hardware vendor id
PRODUCT_ID = 0x0002
INTERFACE = 0
EP_PEN_IN = 0x82  # interrupt IN: pen and button reports
MAX_PACKET = 64

# Vendor control requests (bmRequestType 0xC0 device-to-host, 0x40 host-to-device).
REQ_IN, REQ_OUT = 0xC0, 0x40
GET_INFO = 0x01  # IN, INFO_LENGTH bytes
SET_PROMPT = 0x02  # OUT, UTF-8 prompt shown above the signing box (PROMPT_MAX bytes at most)
CLEAR_INK = 0x03  # OUT, erase the ink on the pad's screen
SET_REPORTING = 0x04  # OUT, wValue 1: show the signing screen and stream reports; 0: stop, idle screen
PROMPT_MAX = 64

REPORT_LENGTH = 10
REPORT_PEN = 0x01
REPORT_AREA = 0x02
STATUS_TIP = 0x01  # pen touching the surface
STATUS_IN_RANGE = 0x02  # pen hovering close enough to be tracked
STATUS_BUTTON = 0x04  # barrel button
AREA_OK, AREA_CLEAR, AREA_CANCEL = 1, 2, 3

_REPORT = struct.Struct("<BBHHHH")  # id, status/area, x, y, pressure, timestamp (ms, wraps at 65536)
_INFO = struct.Struct("<BBHHHHHHHHHHH")
INFO_LENGTH = _INFO.size


@dataclass(frozen=True)
class PenReport:
    tip: bool
    in_range: bool
    x: int
    y: int
    pressure: int
    timestamp: int  # the pad's clock, ms modulo 65536


@dataclass(frozen=True)
class AreaReport:
    area: int  # AREA_OK, AREA_CLEAR or AREA_CANCEL
    timestamp: int


Report = PenReport | AreaReport


def parse_packet(data: bytes, info: PadInfo) -> tuple[list[Report], int]:
    """The reports of one interrupt packet and how many were unusable.

    A packet holds whole reports; a length that is not a multiple of REPORT_LENGTH is counted as one bad
    report and dropped whole (there is no way to resynchronise inside it). A report with an unknown id or
    coordinates beyond the pad's range is bad too: a healthy pad never sends one.
    """
    if not data or len(data) % REPORT_LENGTH:
        return [], 1
    reports: list[Report] = []
    bad = 0
    for offset in range(0, len(data), REPORT_LENGTH):
        rid, status, x, y, pressure, ts = _REPORT.unpack_from(data, offset)
        if rid == REPORT_PEN and x < info.width and y < info.height and pressure <= info.max_pressure:
            reports.append(PenReport(bool(status & STATUS_TIP), bool(status & (STATUS_IN_RANGE | STATUS_TIP)),
                                     x, y, pressure, ts))
        elif rid == REPORT_AREA and status in (AREA_OK, AREA_CLEAR, AREA_CANCEL):
            reports.append(AreaReport(status, ts))
        else:
            bad += 1
    return reports, bad


def parse_info(data: bytes, model: str) -> PadInfo:
    """GET_INFO's reply; ValueError when it is short or inconsistent."""
    if len(data) < INFO_LENGTH:
        raise ValueError("short GET_INFO reply")
    (version, _flags, width, height, max_pressure, rate_hz, units_per_mm, screen_w, screen_h,
     x0, y0, x1, y1) = _INFO.unpack_from(bytes(data))
    if version != 1 or not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height) or not rate_hz or not max_pressure:
        raise ValueError("inconsistent GET_INFO reply")
    return PadInfo(width=width, height=height, max_pressure=max_pressure, rate_hz=rate_hz, model=model,
                   units_per_mm=units_per_mm, screen_width=screen_w, screen_height=screen_h, box=(x0, y0, x1, y1))


class Clock:
    """Unwraps the pad's 16-bit millisecond timestamps into ms since the first report seen."""

    def __init__(self) -> None:
        self._last: int | None = None
        self._elapsed = 0

    def reset(self) -> None:
        self._last = None
        self._elapsed = 0

    def __call__(self, timestamp: int) -> int:
        if self._last is not None:
            self._elapsed += (timestamp - self._last) & 0xFFFF
        self._last = timestamp
        return self._elapsed
