"""Whether a station is healthy, judged from its last heartbeat (docs/fleet.md "Thresholds").

Each rule that fails gives one reason code with its English detail for the CERT's operator; a station with
no reason is healthy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .fleet import StationBeat

MISSED_INTERVALS = 3  # heartbeats missed before the station counts as silent
OUTBOX_MAX_AGE = timedelta(hours=24)
EXPIRY_WARNING = timedelta(days=30)
MIN_DISK_BYTES = 1024**3  # below 1 GiB a day of captures may no longer fit
AUDIT_MAX_UNSENT = 1000  # entries the CERT does not hold: the audit queue is stuck


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str


@dataclass(frozen=True)
class Thresholds:
    interval: timedelta | None = None  # None: the interval the station declares
    max_skew_s: float | None = None  # None: the limit the station declares


def assess(beat: StationBeat, now: datetime, thresholds: Thresholds = Thresholds()) -> list[Reason]:
    h = beat.heartbeat
    reasons: list[Reason] = []
    interval = thresholds.interval or timedelta(seconds=h.interval_s)
    silent = now - beat.received_at
    if silent > MISSED_INTERVALS * interval:
        reasons.append(Reason("silent", f"no heartbeat for {_span(silent)} (interval {_span(interval)})"))
    if h.outbox.oldest_age_s is not None and h.outbox.oldest_age_s > OUTBOX_MAX_AGE.total_seconds():
        reasons.append(Reason("outbox_stuck", f"{h.outbox.depth} dossier(s) waiting, the oldest for "
                                              f"{_span(timedelta(seconds=h.outbox.oldest_age_s))}"))
    limit = thresholds.max_skew_s if thresholds.max_skew_s is not None else h.max_clock_skew_s
    if h.clock is not None and abs(h.clock.skew_s) > limit:
        reasons.append(Reason("clock_skew", f"clock off by {h.clock.skew_s:+.1f} s (limit {limit:g} s): "
                                            "the station refuses to seal"))
    for code, what, at in (("certificate_expiring", "station certificate", h.certificate_not_after),
                           ("trust_expiring", "CERT root or agent CA", h.trust_not_after)):
        if at is not None and datetime.fromisoformat(at) - now < EXPIRY_WARNING:
            reasons.append(Reason(code, f"{what} expires on {at[:10]}"))
    down = [d for d in h.devices if not d.usable]
    if down:
        reasons.append(Reason("device_not_usable", ", ".join(
            f"{d.kind} ({d.state}{': ' + d.reason_code if d.reason_code else ''})" for d in down)))
    if h.disk_free_bytes is not None and h.disk_free_bytes < MIN_DISK_BYTES:
        reasons.append(Reason("disk_low", f"{h.disk_free_bytes / 1024**2:.0f} MiB free"))
    if h.audit_unsent > AUDIT_MAX_UNSENT:
        reasons.append(Reason("audit_backlog", f"{h.audit_unsent} audit entries not sent"))
    return reasons


def _span(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} d"
