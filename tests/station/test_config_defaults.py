"""A configuration that leaves a layer's section out gives that layer exactly its own default settings:
the station adds no default of its own on the way (one default per setting, in its layer)."""

from __future__ import annotations

from pathlib import Path

from devices.settings import DeviceSettings
from enrollment.fingerprint.plan import PlanSettings
from enrollment.retention import Retention
from station import context
from station.config import Config
from sync.settings import OutboxSettings, TransportSettings


def _minimal(tmp_path: Path) -> Config:
    return Config.model_validate({
        "station_id": "DR-21231-01", "mairie_insee": "21231", "data_dir": str(tmp_path),
        "cert": {"url": "https://127.0.0.1:8443", "trust_anchor": str(tmp_path / "ca.pem"),
                 "client_cert": str(tmp_path / "station.pem"), "client_key": str(tmp_path / "station.key"),
                 "encryption_cert": str(tmp_path / "enc.pem")},
        "auth": {"agent_ca": str(tmp_path / "agent-ca.pem")},
    })


def test_devices_left_out_are_the_device_layers_defaults(tmp_path: Path) -> None:
    assert context.device_settings(_minimal(tmp_path)) == DeviceSettings()


def test_outbox_left_out_is_the_sync_layers_defaults_and_the_domains_retention(tmp_path: Path) -> None:
    settings = context.outbox_settings(_minimal(tmp_path))
    assert settings == OutboxSettings()
    retention = Retention()
    assert (settings.draft_retention_days, settings.receipt_retention_days) == (
        retention.draft_retention_days, retention.receipt_retention_days)


def test_transport_left_out_is_the_sync_layers_defaults(tmp_path: Path) -> None:
    config = _minimal(tmp_path)
    c = config.cert
    assert context.transport_settings(config) == TransportSettings(c.url, c.trust_anchor, c.client_cert, c.client_key)


def test_fingerprint_quality_left_out_is_the_thresholds_table(tmp_path: Path) -> None:
    assert _minimal(tmp_path).devices.fingerprint_min_quality == PlanSettings().min_quality
