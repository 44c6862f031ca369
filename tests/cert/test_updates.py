"""The CERT's update repository: the operator's `cert-server release` commands (a real subprocess, as the
operator runs them) and the two routes over real HTTPS, client certificate required."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import requests
from tuf.api.metadata import Metadata

from devstation.cert_service import REPO_ROOT, CertService
from devstation.fake_release import make_release


def release(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cert.cli", "release", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60, check=False)


def test_the_operator_publishes_lists_and_widens_a_release(tmp_path: Path) -> None:
    data = tmp_path / "cert-data"
    assert release("init", "--data-dir", str(data)).returncode == 0
    assert release("init", "--data-dir", str(data)).returncode == 1  # never over an existing repository
    archive = make_release(tmp_path, "1.1.0")
    done = release("publish", str(archive), "--version", "1.1.0", "--stations", "DR-A,DR-B", "--grace-days", "3",
                   "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert release("publish", str(archive), "--version", "1.2.0", "--data-dir", str(data)).returncode == 1
    assert release("rollout", "1.1.0", "--percent", "25", "--data-dir", str(data)).returncode == 0
    listed = release("list", "--data-dir", str(data)).stdout
    assert "1.1.0" in listed and "25" in listed and "DR-A,DR-B" in listed

    root = Metadata.from_file(str(data / "updates" / "metadata" / "root.json")).signed
    assert root.roles["root"].threshold == 2 and len(root.roles["root"].keyids) == 3
    assert all(len(root.roles[r].keyids) == 1 for r in ("targets", "snapshot", "timestamp"))
    before = Metadata.from_file(str(data / "updates" / "metadata" / "timestamp.json")).signed
    assert release("refresh", "--data-dir", str(data)).returncode == 0
    after = Metadata.from_file(str(data / "updates" / "metadata" / "timestamp.json")).signed
    assert after.version == before.version + 1 and after.snapshot_meta == before.snapshot_meta
    assert (data / "updates" / "keys" / "root-1.key").stat().st_mode & 0o777 == 0o600

    targets = json.loads((data / "updates" / "metadata" / "3.targets.json").read_text())  # init, publish, rollout
    custom = targets["signed"]["targets"][archive.name]["custom"]["recueil"]
    assert custom["percent"] == 25 and custom["stations"] == ["DR-A", "DR-B"]
    assert custom["mandatory_after"] > custom["published_at"]


def test_the_repository_is_served_to_stations_only(cert_service: CertService, http: requests.Session,
                                                   tmp_path: Path) -> None:
    published = cert_service.updates.publish(make_release(tmp_path, "1.1.0"), "1.1.0")
    timestamp = http.get(f"{cert_service.url}/v1/updates/metadata/timestamp.json")
    assert timestamp.status_code == 200 and timestamp.json()["signed"]["_type"] == "timestamp"
    name = f"{published.sha256}.{published.name}"
    archive = http.get(f"{cert_service.url}/v1/updates/targets/{name}")
    assert archive.status_code == 200 and archive.content == (tmp_path / published.name).read_bytes()

    for path in ("metadata/keys", "metadata/..%2Fkeys%2Froot-1.key", "metadata/7.timestamp.json",
                 "metadata/99.targets.json", f"targets/{'0' * 64}.{published.name}", "targets/root-1.key"):
        answer = http.get(f"{cert_service.url}/v1/updates/{path}")
        assert answer.status_code == 404, path
    anonymous = requests.get(f"{cert_service.url}/v1/updates/metadata/timestamp.json", verify=http.verify,
                             timeout=10)
    assert anonymous.status_code == 403


def test_the_daily_refresh_re_signs_what_would_expire_under_new_versions(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from cert.updates.repository import UpdateRepository

    now = datetime.now(UTC)
    UpdateRepository(tmp_path, clock=lambda: now).init()
    metadata = tmp_path / "updates" / "metadata"

    def versions() -> tuple[int, int, int]:
        ts = Metadata.from_file(str(metadata / "timestamp.json")).signed
        snap = Metadata.from_file(str(metadata / f"{ts.snapshot_meta.version}.snapshot.json")).signed
        return ts.version, snap.version, snap.meta["targets.json"].version

    assert versions() == (1, 1, 1)
    UpdateRepository(tmp_path, clock=lambda: now + timedelta(hours=20)).refresh_timestamp()
    assert versions() == (2, 1, 1)  # only the timestamp
    UpdateRepository(tmp_path, clock=lambda: now + timedelta(days=6)).refresh_timestamp()
    assert versions() == (3, 2, 1)  # the snapshot would expire within two days: a new one
    UpdateRepository(tmp_path, clock=lambda: now + timedelta(days=29)).refresh_timestamp()
    assert versions() == (4, 3, 2)  # the targets too
    ts = Metadata.from_file(str(metadata / "timestamp.json")).signed
    assert ts.expires > now + timedelta(days=29, hours=23)
