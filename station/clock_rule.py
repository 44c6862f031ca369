"""No sealing with a clock that is off (docs/fleet.md "Clock skew"): the dossier's times (attestation,
captures, the agent's signature), the audit trail and the checks of certificates and revocation lists all
read the station's clock. When the last skew the heartbeat measured against the CERT (sync/heartbeat.py)
exceeds `[fleet] max_clock_skew_seconds`, sealing is refused and the draft kept, until a heartbeat measures
a clock back in bounds. A station that never measured (offline since its installation) is not blocked:
it has nothing to go by, and refusing would stop a mairie whose network is down."""

from __future__ import annotations

from sync.heartbeat import ClockMeasurement

from .errors import StationError
from .strings import message


def check_clock(measured: ClockMeasurement | None, max_skew_s: float) -> None:
    """StationError in French when the last measurement is beyond the limit; nothing otherwise."""
    if measured is None or abs(measured.skew_s) <= max_skew_s:
        return
    key = "seal.clock_behind" if measured.skew_s > 0 else "seal.clock_ahead"
    raise StationError("seal.clock_skew", message(
        key, skew=format_seconds(abs(measured.skew_s)), limit=format_seconds(max_skew_s),
        measured_at=measured.measured_at.astimezone().strftime("%d/%m/%Y %H:%M")))


def format_seconds(seconds: float) -> str:
    """"45 s", "2 min", "12 min 5 s", "3 h 20 min"."""
    total = round(seconds)
    if total < 60:
        return message("clock.seconds", seconds=total)
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        if secs == 0:
            return message("clock.minutes", minutes=minutes)
        return message("clock.minutes_seconds", minutes=minutes, seconds=secs)
    hours, minutes = divmod(minutes, 60)
    return message("clock.hours_minutes", hours=hours, minutes=minutes)
