"""The station's heartbeat (sync/heartbeat.py) to the real CERT over mutual TLS: what it carries, the clock
skew measured from the CERT's reply (a CERT whose clock is shifted), and an unreachable CERT."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from cert.fleet import FleetStore
from devstation.cert_service import CertService
from enrollment.store import Store
from sync import CertClient, OutboxSettings, OutboxWorker
from sync.heartbeat import ClockWatch, DeviceHealth, HeartbeatQueue, LastUpdate, StationFacts

from .conftest import transport_settings

INTERVAL = timedelta(minutes=15)
FACTS = StationFacts(
    software_version="0.1.0",
    devices=[DeviceHealth("camera", "opencv", "ready", True, None),
             DeviceHealth("fingerprint", "usb", "not_ready", False, "open"),
             DeviceHealth("printer", "cups", "not_ready", False, "Queue Missing")],
    disk_free_bytes=12 * 1024**3,
    certificate_not_after=datetime(2027, 6, 1, tzinfo=UTC),
    trust_not_after=datetime(2035, 1, 1, tzinfo=UTC),
    last_update=LastUpdate("0.1.0", datetime(2026, 11, 2, 8, 0, tzinfo=UTC)),
)


def heartbeats(store: Store, client: CertClient, watch: ClockWatch) -> HeartbeatQueue:
    worker = OutboxWorker(store, client, OutboxSettings(), trust_anchor_pem=b"", rng=random.Random(3))
    return HeartbeatQueue(store, client, lambda: FACTS, watch, INTERVAL, 120, worker.backoff_s)


def kept(service: CertService, station_id: str = "DR-21231-01") -> list:
    fleet = FleetStore(service.data_dir)
    try:
        return fleet.history(station_id)
    finally:
        fleet.close()


def test_the_heartbeat_measures_the_certs_clock_and_reports_it_next_time(store, pki, skewed, complete_dossier,
                                                                          tmp_path):
    complete_dossier()  # a draft: not in the outbox
    client = CertClient(transport_settings(pki, skewed.url))
    watch = ClockWatch(tmp_path / "clock-skew.json")
    queue = heartbeats(store, client, watch)
    try:
        now = datetime.now(UTC)
        queue.run_once(now)
        first = watch.last()
        assert first is not None and abs(first.skew_s - 600) < 5 + first.round_trip_s
        assert queue.next_attempt_at() == now + INTERVAL
        queue.run_once(now + timedelta(minutes=1))  # not due: nothing sent
        assert len(kept(skewed)) == 1
        queue.retry_now(now)
        queue.run_once(now + timedelta(minutes=2))
    finally:
        client.close()
    [one, two] = kept(skewed)
    assert one.heartbeat.clock is None  # nothing measured before the first
    assert two.heartbeat.clock is not None and abs(two.heartbeat.clock.skew_s - first.skew_s) < 5
    h = two.heartbeat
    assert (h.software_version, h.interval_s, h.max_clock_skew_s, h.outbox.depth, h.outbox.oldest_age_s) == (
        "0.1.0", 900, 120, 0, None)
    assert [(d.kind, d.usable, d.reason_code) for d in h.devices] == [
        ("camera", True, None), ("fingerprint", False, "open"), ("printer", False, "queue_missing")]
    assert h.disk_free_bytes == 12 * 1024**3 and h.certificate_not_after.startswith("2027-06-01")
    assert h.last_update.version == "0.1.0" and h.audit_unsent == store.audit.state().unsent
    assert "DUPONT" not in h.model_dump_json() and "1990-05-17" not in h.model_dump_json()

    # The measurement outlives a restart of the station.
    again = ClockWatch(tmp_path / "clock-skew.json").last()
    assert again is not None and again.skew_s == pytest.approx(watch.last().skew_s, abs=0.001)


def test_an_unreachable_cert_measures_nothing_and_is_tried_again_within_the_interval(store, offline, tmp_path):
    watch = ClockWatch(tmp_path / "clock-skew.json")
    queue = heartbeats(store, offline, watch)
    now = datetime.now(UTC)
    queue.run_once(now)
    assert watch.last() is None and not (tmp_path / "clock-skew.json").exists()
    assert now < queue.next_attempt_at() <= now + INTERVAL


def test_an_unreadable_measurement_file_counts_as_never_measured(tmp_path):
    path = tmp_path / "clock-skew.json"
    path.write_text("{not json")
    assert ClockWatch(path).last() is None


def test_facts_that_cannot_be_gathered_wait_for_the_next_interval(store, client, tmp_path):
    def broken() -> StationFacts:
        raise OSError("disk gone")

    worker = OutboxWorker(store, client, OutboxSettings(), trust_anchor_pem=b"")
    queue = HeartbeatQueue(store, client, broken, ClockWatch(), INTERVAL, 120, worker.backoff_s)
    now = datetime.now(UTC)
    assert queue.run_once(now) == 0
    assert queue.next_attempt_at() == now + INTERVAL
