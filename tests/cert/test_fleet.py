"""The CERT's side of the fleet (docs/fleet.md): POST /v1/heartbeat over real HTTPS with the test station's
certificate, and `cert-server fleet` judging the stations from what it keeps."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from cert.fleet import FleetStore, Heartbeat
from devstation.cert_service import REPO_ROOT, CertService
from installer.pki import PkiPaths

STATION_ID = "DR-21231-01"  # the test PKI's station certificate


def beat(**changes: object) -> dict:
    now = datetime.now(UTC)
    body = {
        "format": "recueil-heartbeat/1", "sent_at": now.isoformat(), "software_version": "0.1.0",
        "last_update": {"version": "0.1.0", "at": None}, "interval_s": 900, "max_clock_skew_s": 120,
        "devices": [{"kind": "camera", "implementation": "opencv", "state": "ready", "usable": True,
                     "reason_code": None}],
        "outbox": {"depth": 2, "oldest_age_s": 600}, "audit_unsent": 3, "disk_free_bytes": 50 * 1024**3,
        "certificate_not_after": (now + timedelta(days=300)).isoformat(),
        "trust_not_after": (now + timedelta(days=3000)).isoformat(),
        "clock": {"skew_s": 0.4, "round_trip_s": 0.02, "measured_at": now.isoformat()},
    }
    body.update(changes)
    return body


def fleet(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cert.cli", "fleet", "--data-dir", str(data_dir), *args],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)


def test_a_heartbeat_is_kept_and_answered_with_the_certs_clock(http: requests.Session, cert_service: CertService):
    before = datetime.now(UTC)
    r = http.post(f"{cert_service.url}/v1/heartbeat", json=beat())
    assert r.status_code == 200, r.text
    reply = r.json()
    assert reply["station_id"] == STATION_ID
    assert before - timedelta(seconds=5) <= datetime.fromisoformat(reply["server_time"]) <= datetime.now(UTC)

    listed = fleet(cert_service.data_dir, "--json")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    [row] = json.loads(listed.stdout)
    assert row["station_id"] == STATION_ID and row["mairie"] == "21231" and row["version"] == "0.1.0"
    assert row["outbox_depth"] == 2 and row["outbox_oldest_age_s"] == 600 and row["clock_skew_s"] == 0.4
    assert row["healthy"] and row["reasons"] == [] and row["devices_not_usable"] == []


def test_a_cert_whose_clock_is_offset_says_so_in_its_reply(pki: PkiPaths, http: requests.Session, tmp_path: Path):
    skewed = CertService(pki, tmp_path / "skewed", clock_offset_s=-3600)
    skewed.start()
    try:
        r = http.post(f"{skewed.url}/v1/heartbeat", json=beat())
    finally:
        skewed.stop()
    assert r.status_code == 200
    off = datetime.fromisoformat(r.json()["server_time"]) - datetime.now(UTC)
    assert timedelta(minutes=-61) < off < timedelta(minutes=-59)


def test_no_heartbeat_without_a_station_certificate(anonymous: requests.Session, cert_service: CertService):
    r = anonymous.post(f"{cert_service.url}/v1/heartbeat", json=beat())
    assert r.status_code == 403 and r.json()["error"] == "no_client_identity"


def test_free_text_or_unknown_fields_are_refused(http: requests.Session, cert_service: CertService):
    named = beat(devices=[{"kind": "camera", "implementation": "opencv", "state": "not_ready", "usable": False,
                           "reason_code": "Caméra de Mme Dupont débranchée"}])
    extra = {**beat(), "agent_name": "DUPONT"}
    for body in (named, extra, {"format": "recueil-heartbeat/1"}):
        r = http.post(f"{cert_service.url}/v1/heartbeat", json=body)
        assert r.status_code == 400 and r.json()["error"] == "heartbeat_bad_request", r.text
        assert "DUPONT" not in r.text and "Dupont" not in r.text
    assert "0 station(s)" in fleet(cert_service.data_dir).stdout  # nothing kept


def test_a_heartbeat_too_large_is_refused(http: requests.Session, cert_service: CertService):
    r = http.post(f"{cert_service.url}/v1/heartbeat", data=b"{" + b" " * (40 * 1024) + b"}",
                  headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_unhealthy_stations_are_flagged_with_their_reasons(tmp_path: Path):
    store = FleetStore(tmp_path)
    now = datetime.now(UTC)
    try:
        store.record("DR-21231-01", "21231", Heartbeat.model_validate(beat()), now)
        store.record("DR-21231-02", "21231", Heartbeat.model_validate(beat(
            outbox={"depth": 4, "oldest_age_s": 30 * 3600}, disk_free_bytes=200 * 1024**2,
            certificate_not_after=(now + timedelta(days=10)).isoformat(),
            clock={"skew_s": -400.0, "round_trip_s": 0.1, "measured_at": now.isoformat()},
            devices=[{"kind": "fingerprint", "implementation": "usb", "state": "not_ready", "usable": False,
                      "reason_code": "open"}])), now)
        store.record("DR-21231-03", "21231", Heartbeat.model_validate(beat()), now - timedelta(hours=1))
        for _ in range(100):  # a short history only
            store.record("DR-21231-01", "21231", Heartbeat.model_validate(beat()), now)
        assert len(store.history("DR-21231-01")) == 96
    finally:
        store.close()

    listed = fleet(tmp_path, "--json")
    assert listed.returncode == 1
    rows = {r["station_id"]: r for r in json.loads(listed.stdout)}
    assert rows["DR-21231-01"]["healthy"]
    sick = rows["DR-21231-02"]
    assert {r["code"] for r in sick["reasons"]} == {"outbox_stuck", "disk_low", "certificate_expiring",
                                                    "clock_skew", "device_not_usable"}
    assert sick["devices_not_usable"] == ["fingerprint"]
    assert [r["code"] for r in rows["DR-21231-03"]["reasons"]] == ["silent"]  # 1 h > 3 x 15 min

    # The operator may judge against other thresholds than those the stations declare.
    assert fleet(tmp_path, "--json", "--interval-minutes", "30", "--max-skew-seconds", "600").returncode == 1
    relaxed = {r["station_id"]: r for r in json.loads(fleet(tmp_path, "--json", "--interval-minutes", "30").stdout)}
    assert relaxed["DR-21231-03"]["healthy"]

    text = fleet(tmp_path)
    assert text.returncode == 1
    assert "UNHEALTHY clock_skew: clock off by -400.0 s" in text.stdout and "3 station(s), 2 unhealthy" in text.stdout
