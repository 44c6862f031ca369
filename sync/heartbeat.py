"""The station's heartbeat to the CERT (docs/fleet.md), sent by the outbox's thread like the audit trail
(sync/audit_queue.py): every interval, the station's health as plain numbers and codes, and from the
CERT's reply the clock skew.

The skew is the CERT's time minus the station's wall clock at the middle of the round trip: the CERT reads
its clock while answering, somewhere between the request leaving and the reply arriving, so the measurement
is off by at most half the round trip (kept beside it). The last measurement is kept by a `ClockWatch`,
in a small file, so that a restart does not forget that the clock was off (station/clock_rule.py refuses
to seal then).

What the station knows of itself (devices, certificates, disk, last update) is gathered by the station
layer and handed over as `StationFacts`: this layer knows nothing of devices."""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from enrollment.store import Store

from .errors import SyncError
from .lookup_calls import Service, call
from .periodic import Periodic
from .replies import json_object

if TYPE_CHECKING:
    from .transport import CertClient

log = logging.getLogger(__name__)

HEARTBEAT_PATH = "/v1/heartbeat"
FORMAT = "recueil-heartbeat/1"
SERVICE = Service("heartbeat", unreachable="heartbeat.unreachable", refused="heartbeat.refused",
                  refusals={"heartbeat_bad_request": "heartbeat.bad_request"})


@dataclass(frozen=True)
class DeviceHealth:
    kind: str
    implementation: str
    state: str  # ready | busy | not_ready | not_registered (devices/status.py)
    usable: bool
    reason_code: str | None  # the name of the check that fails, never its text


@dataclass(frozen=True)
class LastUpdate:
    version: str
    at: datetime | None


@dataclass(frozen=True)
class StationFacts:
    """What the station layer knows of itself at the time of a heartbeat."""

    software_version: str
    devices: list[DeviceHealth]
    disk_free_bytes: int | None
    certificate_not_after: datetime | None
    trust_not_after: datetime | None  # the earliest of the CERT root and the agent CA
    last_update: LastUpdate | None
    audit_not_written: int = 0  # entries the store could not write since the station started


@dataclass(frozen=True)
class ClockMeasurement:
    skew_s: float  # CERT time minus station time: positive when the station is behind
    round_trip_s: float
    measured_at: datetime  # the station's clock

    def to_dict(self) -> dict[str, object]:
        return {"skew_s": round(self.skew_s, 3), "round_trip_s": round(self.round_trip_s, 3),
                "measured_at": self.measured_at.isoformat()}


class ClockWatch:
    """The last skew measurement, shared between the outbox's thread (which writes it) and whoever seals
    (which reads it); kept in `path` when given, so that it outlives a restart."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._last = read_measurement(path) if path is not None else None

    def last(self) -> ClockMeasurement | None:
        with self._lock:
            return self._last

    def record(self, measurement: ClockMeasurement) -> None:
        with self._lock:
            self._last = measurement
            if self._path is not None:
                tmp = self._path.with_suffix(".tmp")
                tmp.write_text(json.dumps(measurement.to_dict()), encoding="utf-8")
                os.replace(tmp, self._path)


def read_measurement(path: Path) -> ClockMeasurement | None:
    """The measurement kept in `path`, None when there is none (or it is unreadable: then as if never
    measured, which does not block sealing)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return ClockMeasurement(float(raw["skew_s"]), float(raw["round_trip_s"]),
                                datetime.fromisoformat(raw["measured_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def code(text: str) -> str:
    """`text` as the CERT's code pattern wants it (lower case, [a-z0-9_.-], 64 characters): a device kind or
    check name that does not fit must not get the whole heartbeat refused."""
    cleaned = re.sub(r"[^a-z0-9_.-]", "_", text.lower()).lstrip("_.-")[:64]
    return cleaned or "unknown"


def _device(d: DeviceHealth) -> dict[str, object]:
    return {"kind": code(d.kind), "implementation": code(d.implementation), "state": d.state, "usable": d.usable,
            "reason_code": code(d.reason_code) if d.reason_code is not None else None}


def _iso(at: datetime | None) -> str | None:
    return at.astimezone(UTC).isoformat() if at is not None else None


def heartbeat_body(facts: StationFacts, store: Store, now: datetime, interval: timedelta, max_skew_s: int,
                   clock: ClockMeasurement | None) -> dict[str, object]:
    """The heartbeat as sent (docs/fleet.md): identifiers, codes and numbers only."""
    outbox = store.outbox.status()
    oldest = outbox.oldest_queued_at if outbox.count else None
    return {
        "format": FORMAT,
        "sent_at": now.isoformat(),
        "software_version": facts.software_version,
        "last_update": ({"version": facts.last_update.version, "at": _iso(facts.last_update.at)}
                        if facts.last_update else None),
        "interval_s": round(interval.total_seconds()),
        "max_clock_skew_s": max_skew_s,
        "devices": [_device(d) for d in facts.devices[:32]],
        "outbox": {"depth": outbox.count,
                   "oldest_age_s": max(0, round((now - oldest).total_seconds())) if oldest else None},
        "audit_unsent": store.audit.state().unsent,
        "audit_not_written": facts.audit_not_written,
        "disk_free_bytes": facts.disk_free_bytes,
        "certificate_not_after": _iso(facts.certificate_not_after),
        "trust_not_after": _iso(facts.trust_not_after),
        "clock": clock.to_dict() if clock else None,
    }


def send_heartbeat(client: CertClient, body: dict[str, object], wall: Callable[[], float] = time.time,
                   monotonic: Callable[[], float] = time.monotonic) -> ClockMeasurement:
    """POST the heartbeat; the skew measured from the CERT's reply."""
    sent_wall, sent = wall(), monotonic()
    response = call(SERVICE, client, "POST", HEARTBEAT_PATH, json=body)
    round_trip = max(0.0, monotonic() - sent)
    reply = json_object(response, "heartbeat.bad_reply")
    try:
        server_time = datetime.fromisoformat(str(reply["server_time"]))
        if server_time.tzinfo is None:
            raise ValueError("naive")
    except (KeyError, ValueError) as exc:
        raise SyncError.of("heartbeat.bad_reply", retryable=True) from exc
    midpoint = sent_wall + round_trip / 2
    return ClockMeasurement(server_time.timestamp() - midpoint, round_trip,
                            datetime.fromtimestamp(midpoint, UTC))


class HeartbeatQueue:
    """Another queue of the outbox's thread (sync/outbox.py `Queue`): one heartbeat per interval, the first
    at the first round; after a failure, the next at the outbox's backoff (never later than the interval)."""

    def __init__(self, store: Store, client: CertClient, facts: Callable[[], StationFacts], watch: ClockWatch,
                 interval: timedelta, max_skew_s: int, backoff_s: Callable[[int, bool], float]) -> None:
        self.store = store
        self.client = client
        self.facts = facts
        self.watch = watch
        self.interval = interval
        self.max_skew_s = max_skew_s
        self.schedule = Periodic(interval, backoff_s)

    def run_once(self, now: datetime) -> int:
        """Send if due. Returns 0: nothing any page lists changes."""
        if not self.schedule.due(now):
            return 0
        try:
            facts = self.facts()
        except Exception as exc:  # the station's own facts unreadable: tried again next interval, not every round
            self.schedule.wait_interval(now)
            log.warning("heartbeat facts not gathered", extra={"event": "heartbeat.failed",
                                                               "code": type(exc).__name__})
            return 0
        try:
            body = heartbeat_body(facts, self.store, now, self.interval, self.max_skew_s, self.watch.last())
            measured = send_heartbeat(self.client, body)
        except SyncError as err:
            self.schedule.failed(now, err.retryable)
            log.warning("heartbeat not sent", extra={"event": "heartbeat.failed", "code": err.code,
                                                     "attempt": self.schedule.failures})
            return 0
        self.schedule.succeeded(now)
        self.watch.record(measured)
        log.info("heartbeat sent", extra={"event": "heartbeat.sent",
                                          "duration_ms": round(measured.round_trip_s * 1000)})
        return 0

    def next_attempt_at(self) -> datetime | None:
        return self.schedule.next_at()

    def retry_now(self, now: datetime) -> None:
        self.schedule.now()
