"""Writes a station's configuration file (TOML) and, for a "file" key provider, its store key at set-up.

Used by the demo (devstation) and the tests for a local station, and by provisioning for a real one: the
fields are the same, only the endpoint, the certificates and the device implementations differ.

The file is written from the station's configuration model (station/config.py): every key is a field of
it, and a value the set-up leaves out (None) is the model's default, itself taken from the layer that
owns the setting. The installer holds no default of its own but the key provider it asks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from devices.settings import KINDS
from enrollment.store.keys import FileKeyProvider
from station.config import Config

from . import toml_writer
from .pki import PkiPaths

_SECTIONS: dict[str, type[BaseModel]] = {
    name: info.annotation for name, info in Config.model_fields.items()
    if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)
}
HEADER = "Recueil station configuration (written by the installer)."

# Keys written even when the set-up leaves them to the model, so that a technician finds them in the file
# to tune on site; everything else stays out and follows the model. Device kinds and where each device is
# are always written: they are what the technician checks first.
SHOWN: dict[str, tuple[str, ...]] = {
    "auth": ("inactivity_timeout_s", "crl_grace_hours"),
    "store": ("draft_retention_days",),
    "devices": (*KINDS, "smartcard_reader", "smartcard_module", "usb_backend", "camera_source", "simulator_host",
                "simulator_port"),
    "outbox": ("base_delay_s", "max_delay_s", "alert_after_minutes", "receipt_retention_days"),
    "audit": ("retention_days",),
    "fleet": ("heartbeat_minutes", "max_clock_skew_seconds"),
}


@dataclass(frozen=True)
class StationSetup:
    station_id: str
    mairie_insee: str
    mairie_name: str
    data_dir: Path
    cert_url: str
    pki: PkiPaths
    # Below, None is the configuration model's default (station/config.py).
    simulator_port: int | None = None
    smartcard_reader: str | None = None
    smartcard_module: str | None = None  # the agent card's PKCS#11 module (None: OpenSC's, the model's)
    smartcard_key: str | None = None  # the agent certificate's label or hex id on the card (None: the first)
    usb_backend: str | None = None
    # The camera: a device index ("0") or a stream URL (hw-mocks' virtual camera in demos and tests).
    camera_source: str | None = None
    # The document scanner through SANE: its device name and a private SANE configuration folder (the
    # demo's and the tests': hw-mocks' eSCL scanner only).
    document_scanner_device: str | None = None
    sane_config_dir: str | None = None
    # The printer: its CUPS queue and scheduler (the demo's and the tests': a private cupsd).
    printer_name: str | None = None
    cups_server: str | None = None
    # SBI devices (fingerprint/camera = "sbi"): the service's port and the environment its devices are
    # registered for (demos and tests: hw-mocks' SBI service, "Developer"); with a port, the station
    # trusts the test PKI's device provider CA.
    sbi_port: int | None = None
    sbi_env: str | None = None
    # The demo and the tests say "file" by name (their stations have neither keyring nor TPM); a real
    # station takes "auto": the OS keyring, else the TPM 2.0 at `tpm_tcti` ("" or None = the model's).
    key_provider: str = "file"
    tpm_tcti: str | None = None
    draft_retention_days: int | None = None  # days an untouched draft is kept
    inactivity_timeout_s: int | None = None
    crl_grace_hours: int | None = None  # past the revocation list's nextUpdate
    rdv_token: str | None = None  # the rendez-vous platform's token (the reference CERT's in demos and tests)
    outbox_base_delay_s: float | None = None
    outbox_max_delay_s: float | None = None
    outbox_alert_after_minutes: int | None = None  # visible outbox
    outbox_receipt_retention_days: int | None = None
    audit_retention_days: int | None = None  # days an audit entry the CERT holds stays on the station
    heartbeat_minutes: int | None = None  # between two heartbeats to the CERT (docs/fleet.md)
    max_clock_skew_seconds: int | None = None  # sealing refused beyond this measured skew
    # Reference lists the station must have fetched from the CERT before it enrolls (a mairie's station: all
    # of them, "rules", "communes", "twoddoc-trust"; None: the model's, none).
    reference_required: tuple[str, ...] | None = None
    devices: dict[str, str] = field(default_factory=dict)  # kind -> implementation
    # The station's own certificate and key when provisioned by the CERT (`station provision`); by
    # default the ones the test PKI made directly.
    client_cert: Path | None = None
    client_key: Path | None = None


def model_default(section: str, key: str) -> object:
    """The configuration model's default for `[section] key` ("" for a top-level key); a KeyError names a
    key the model does not have."""
    model = Config if not section else _SECTIONS[section]
    if key not in model.model_fields:
        raise KeyError(f"no such configuration key: [{section}] {key}")
    return model.model_fields[key].get_default(call_default_factory=True)


def settings(setup: StationSetup) -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    """What the file holds: the top-level keys, and each section's keys with their values. Values are
    not validated here: the station's loader judges them, with its French messages."""
    p = setup.pki
    top: dict[str, object] = {"station_id": setup.station_id, "mairie_insee": setup.mairie_insee,
                              "mairie_name": setup.mairie_name, "data_dir": setup.data_dir}
    given: dict[str, dict[str, object | None]] = {
        "cert": {"url": setup.cert_url, "trust_anchor": p.pem("cert-ca"),
                 "client_cert": setup.client_cert or p.pem("station"),
                 "client_key": setup.client_key or p.key("station"),
                 "encryption_cert": p.pem("cert-encryption"), "rdv_token": setup.rdv_token},
        "auth": {"agent_ca": p.pem("agent-ca"), "inactivity_timeout_s": setup.inactivity_timeout_s,
                 "crl_grace_hours": setup.crl_grace_hours},
        "store": {"key_provider": setup.key_provider, "draft_retention_days": setup.draft_retention_days,
                  "tpm_tcti": setup.tpm_tcti or None},
        "devices": {**{k: setup.devices.get(k) for k in KINDS}, "smartcard_reader": setup.smartcard_reader,
                    "smartcard_module": setup.smartcard_module, "smartcard_key": setup.smartcard_key,
                    "usb_backend": setup.usb_backend, "camera_source": setup.camera_source,
                    "document_scanner_device": setup.document_scanner_device,
                    "sane_config_dir": setup.sane_config_dir,
                    "printer_name": setup.printer_name, "cups_server": setup.cups_server,
                    "simulator_port": setup.simulator_port, "sbi_port": setup.sbi_port,
                    "sbi_env": setup.sbi_env,
                    "sbi_trust": p.pem("sbi-provider-ca") if setup.sbi_port is not None else None},
        "outbox": {"base_delay_s": setup.outbox_base_delay_s, "max_delay_s": setup.outbox_max_delay_s,
                   "alert_after_minutes": setup.outbox_alert_after_minutes,
                   "receipt_retention_days": setup.outbox_receipt_retention_days},
        "audit": {"retention_days": setup.audit_retention_days},
        "fleet": {"heartbeat_minutes": setup.heartbeat_minutes,
                  "max_clock_skew_seconds": setup.max_clock_skew_seconds},
        "reference": {"required": list(setup.reference_required) if setup.reference_required is not None else None},
    }
    unknown = set(setup.devices) - set(KINDS)
    if unknown:
        raise KeyError(f"no such device kind: {', '.join(sorted(unknown))}")
    sections: dict[str, dict[str, object]] = {}
    for section, values in given.items():
        shown = SHOWN.get(section, ())
        table: dict[str, object] = {}
        for key in dict.fromkeys([*values, *shown]):
            default = model_default(section, key)  # also refuses a key the model does not have
            v = values.get(key)
            if v is None and key in shown:
                v = default
            if v is not None:
                table[key] = v
        sections[section] = table
    return top, sections


def render(setup: StationSetup) -> str:
    top, sections = settings(setup)
    return toml_writer.dumps(top, sections, header=HEADER)


def write_station(setup: StationSetup, config_path: Path) -> Path:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(render(setup), encoding="utf-8")
    setup.data_dir.mkdir(parents=True, exist_ok=True)
    setup.data_dir.chmod(0o700)
    if setup.key_provider == "file":
        FileKeyProvider(setup.data_dir / "store.key").create()
    return config_path
