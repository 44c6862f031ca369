"""What the station tells the CERT of itself in its heartbeat (sync/heartbeat.py, docs/fleet.md): version,
devices, free disk, certificate and trust expiry dates, last update. Plain numbers and codes, handed down to
the sync layer, which knows nothing of devices.

Devices are diagnosed for the heartbeat only while nobody is logged in (a diagnosis must not take the
camera or the scanner from an agent mid-capture) and at most once per heartbeat interval, the first time
one interval after start-up (the first heartbeat goes at once, for the clock; its device list is empty
unless the diagnostics page ran). Between two, the last status known is sent again: the diagnostics page
and every heartbeat diagnosis update it."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sync.heartbeat import DeviceHealth, LastUpdate, StationFacts

if TYPE_CHECKING:
    from devices.diagnosis import Diagnosis
    from devices.registry import Devices

    from .config import Config

log = logging.getLogger(__name__)

DIAGNOSIS_TIMEOUT_S = 60.0


def software_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("recueil")
    except PackageNotFoundError:
        return "unknown"


def health_of(diagnosis: Diagnosis) -> DeviceHealth:
    status = diagnosis.status()
    failing = next((c.name for c in status.conditions if not c.holds), None)
    return DeviceHealth(status.kind, status.implementation, status.state.value, status.usable,
                        None if status.usable else failing or status.state.value)


class DeviceHealthCache:
    """The last status known of each device, by kind."""

    def __init__(self, interval: timedelta, now: datetime | None = None) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._known: dict[str, DeviceHealth] = {}
        self._last_run = now or datetime.now(UTC)

    def note(self, diagnosis: Diagnosis) -> None:
        """A diagnosis made anywhere (the diagnostics page, a heartbeat)."""
        with self._lock:
            self._known[diagnosis.device] = health_of(diagnosis)

    def current(self, devices: Devices, may_diagnose: bool, now: datetime | None = None) -> list[DeviceHealth]:
        now = now or datetime.now(UTC)
        if may_diagnose and now - self._last_run >= self.interval:
            self._last_run = now
            for handle in devices:
                try:
                    self.note(handle.diagnose().result(timeout=DIAGNOSIS_TIMEOUT_S))
                except Exception as exc:  # a diagnosis that hangs or breaks: the device is not usable
                    log.warning("device diagnosis failed", extra={"event": "heartbeat.diagnosis",
                                                                  "device": handle.kind,
                                                                  "code": type(exc).__name__})
                    with self._lock:
                        self._known[handle.kind] = DeviceHealth(handle.kind, "unknown", "not_ready", False,
                                                                "diagnosis_failed")
        with self._lock:
            return [self._known[k] for k in sorted(self._known)]


def _not_after(path: Path) -> datetime | None:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(path.read_bytes()).not_valid_after_utc
    except (OSError, ValueError):
        return None


def last_update(path: Path) -> LastUpdate | None:
    """What the updater last installed, from its small file ({"version": "...", "at": ISO or null}); None
    when there is none yet (no updater has run)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        at = datetime.fromisoformat(raw["at"]) if raw.get("at") else None
        return LastUpdate(str(raw["version"]), at)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def disk_free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def station_facts(config: Config, devices: Devices, cache: DeviceHealthCache,
                  may_diagnose: Callable[[], bool]) -> Callable[[], StationFacts]:
    """The heartbeat's facts, gathered on the outbox's thread at each heartbeat."""

    def gather() -> StationFacts:
        trust = [t for t in (_not_after(config.cert.trust_anchor), _not_after(config.auth.agent_ca)) if t]
        return StationFacts(
            software_version=software_version(),
            devices=cache.current(devices, may_diagnose()),
            disk_free_bytes=disk_free(config.data_dir),
            certificate_not_after=_not_after(config.cert.client_cert),
            trust_not_after=min(trust) if trust else None,
            last_update=last_update(config.last_update_path),
        )

    return gather
