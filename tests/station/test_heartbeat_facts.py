"""What a real station (hw-mocks' devices, the test PKI, the real CERT) tells the CERT in its heartbeat: its
certificate's and trust's expiry, free disk, the updater's last version, and its devices' statuses, diagnosed
only while nobody is logged in."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from cryptography import x509

from cert.fleet import FleetStore
from station.fleet import DeviceHealthCache, station_facts


def test_a_started_station_reports_to_the_cert(station, cert_service, qtbot):
    qtbot.waitUntil(lambda: station.clock.last() is not None, timeout=30_000)  # the first heartbeat went
    fleet = FleetStore(cert_service.data_dir)
    try:
        [beat] = fleet.last()
    finally:
        fleet.close()
    assert (beat.station_id, beat.mairie) == ("DR-21231-01", "21231")
    h = beat.heartbeat
    not_after = x509.load_pem_x509_certificate(station.config.cert.client_cert.read_bytes()).not_valid_after_utc
    assert datetime.fromisoformat(h.certificate_not_after) == not_after
    assert h.interval_s == 15 * 60 and h.max_clock_skew_s == 120 and h.disk_free_bytes > 0
    assert h.last_update is None and h.devices == []  # no updater yet; devices come one interval later
    assert abs(station.clock.last().skew_s) < 5


def test_devices_are_diagnosed_while_nobody_is_logged_in_and_remembered_otherwise(station):
    cache = DeviceHealthCache(timedelta(0))  # due at every heartbeat: only the login holds it back
    logged_in = [False]
    gather = station_facts(station.config, station.devices, cache, lambda: not logged_in[0])
    station.config.last_update_path.write_text(json.dumps({"version": "0.2.0", "at": "2026-11-02T08:00:00+00:00"}))

    facts = gather()
    kinds = {d.kind: d for d in facts.devices}
    assert {"camera", "fingerprint", "signature_pad"} <= set(kinds)
    assert kinds["camera"].usable and kinds["camera"].reason_code is None
    assert facts.last_update.version == "0.2.0" and facts.trust_not_after is not None

    logged_in[0] = True
    station.devices.close()  # were they diagnosed again, they would all fail now
    assert gather().devices == facts.devices
