"""Writes a station's configuration file (TOML) and, for a "file" key provider, its store key at set-up.

Used by the demo (devstation) and the tests for a local station, and by provisioning for a real one: the
fields are the same, only the endpoint, the certificates and the device implementations differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from devices.settings import DEFAULTS, KINDS
from enrollment.store.keys import FileKeyProvider

from .pki import PkiPaths


@dataclass(frozen=True)
class StationSetup:
    station_id: str
    mairie_insee: str
    mairie_name: str
    data_dir: Path
    cert_url: str
    pki: PkiPaths
    simulator_port: int = 47800
    smartcard_reader: str = ""
    usb_backend: str = "libusb"
    # The camera: a device index ("0") or a stream URL (hw-mocks' virtual camera in demos and tests).
    camera_source: str = "0"
    # The demo and the tests say "file" by name (their stations have neither keyring nor TPM); a real
    # station takes "auto": the OS keyring, else the TPM 2.0 at `tpm_tcti` ("" = the default device).
    key_provider: str = "file"
    tpm_tcti: str = ""
    draft_retention_days: int = 30  # days an untouched draft is kept
    inactivity_timeout_s: int = 600
    crl_grace_hours: int = 24  # past the revocation list's nextUpdate (station/config.py AuthSection)
    outbox_base_delay_s: float = 2.0
    outbox_max_delay_s: float = 300.0
    outbox_alert_after_minutes: int = 240  # visible outbox
    outbox_receipt_retention_days: int = 30
    devices: dict[str, str] = field(default_factory=dict)
    # The station's own certificate and key when provisioned by the CERT (`station provision`); by
    # default the ones the test PKI made directly.
    client_cert: Path | None = None
    client_key: Path | None = None


def _q(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def render(setup: StationSetup) -> str:
    p = setup.pki
    device_lines = "\n".join(f"{k} = {_q(setup.devices.get(k, DEFAULTS[k]))}" for k in KINDS)
    return f"""# Recueil station configuration (written by the installer).
station_id = {_q(setup.station_id)}
mairie_insee = {_q(setup.mairie_insee)}
mairie_name = {_q(setup.mairie_name)}
data_dir = {_q(setup.data_dir)}

[cert]
url = {_q(setup.cert_url)}
trust_anchor = {_q(p.pem("cert-ca"))}
client_cert = {_q(setup.client_cert or p.pem("station"))}
client_key = {_q(setup.client_key or p.key("station"))}
encryption_cert = {_q(p.pem("cert-encryption"))}

[auth]
agent_ca = {_q(p.pem("agent-ca"))}
inactivity_timeout_s = {setup.inactivity_timeout_s}
crl_grace_hours = {setup.crl_grace_hours}

[store]
key_provider = {_q(setup.key_provider)}
draft_retention_days = {setup.draft_retention_days}
{f"tpm_tcti = {_q(setup.tpm_tcti)}" if setup.tpm_tcti else ""}

[devices]
{device_lines}
smartcard_reader = {_q(setup.smartcard_reader)}
usb_backend = {_q(setup.usb_backend)}
camera_source = {_q(setup.camera_source)}
simulator_host = "127.0.0.1"
simulator_port = {setup.simulator_port}

[outbox]
base_delay_s = {setup.outbox_base_delay_s}
max_delay_s = {setup.outbox_max_delay_s}
alert_after_minutes = {setup.outbox_alert_after_minutes}
receipt_retention_days = {setup.outbox_receipt_retention_days}
"""


def write_station(setup: StationSetup, config_path: Path) -> Path:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(render(setup), encoding="utf-8")
    setup.data_dir.mkdir(parents=True, exist_ok=True)
    setup.data_dir.chmod(0o700)
    if setup.key_provider == "file":
        FileKeyProvider(setup.data_dir / "store.key").create()
    return config_path
