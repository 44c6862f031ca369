"""The station's one TOML configuration file, validated at start-up.

Location: `--config PATH`, else $RECUEIL_CONFIG, else `station.toml` in the platform's config folder
(/etc is for a packaged install: see installer/). Relative paths inside the file are relative to it.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from devices.settings import DEFAULT_SIMULATOR_PORT, DEFAULTS, DeviceSettings
from enrollment.documents.twoddoc.thresholds import MAX_AGE_DAYS
from enrollment.face.thresholds import FaceThresholds
from enrollment.fingerprint.thresholds import THRESHOLDS as FINGERPRINT
from enrollment.retention import Retention
from sync.settings import CERT_AGENCY_ID, DEFAULT_CODE_LENGTH, RDV_STATUS_PATH, OutboxSettings, TransportSettings

from .errors import ConfigError
from .strings import message

ENV_VAR = "RECUEIL_CONFIG"

# Each layer's defaults live with its settings (devices/settings.py, sync/settings.py, enrollment/retention.py
# and the thresholds tables); the sections below only add the file's shape and its bounds, and take
# their defaults from there. The station's own settings (auth, store key, logging, the outbox alert) are
# defined here.
_DEVICES = DeviceSettings()


def _platform_dir(kind: str) -> Path:
    import platformdirs  # only when the file names no folder: most stations never need it

    return Path(getattr(platformdirs, kind)("recueil"))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CertSection(_Section):
    url: str
    trust_anchor: Path  # the CERT's CA: its TLS server and the key that signs acknowledgements
    client_cert: Path  # this station's certificate, issued by the CERT
    client_key: Path
    # The CERT's package encryption certificate (key agreement, issued by the trust anchor): packages are
    # sealed for it (docs/package-format.md), and only the CERT can open them.
    encryption_cert: Path
    # The CERT's agency identifier in the ANSI/NIST-ITL transaction (1.007 DAI), agreed with the CERT.
    agency_id: str = Field(default=CERT_AGENCY_ID, min_length=1, max_length=35, pattern=r"^[A-Za-z0-9-]+$")
    connect_timeout_s: float = TransportSettings.connect_timeout_s
    read_timeout_s: float = TransportSettings.read_timeout_s
    # ePhoto codes: sync/settings.py holds the length domain.md gives (and notes that one source differs).
    ephoto_code_length: int = Field(default=DEFAULT_CODE_LENGTH, ge=16, le=32)
    # Chunked upload (sync/upload.py): KiB per request; a cut loses at most one chunk. The CERT takes at
    # most 1024 KiB per chunk; a larger value is reduced to the CERT's limit.
    upload_chunk_kib: int = Field(default=TransportSettings.chunk_bytes // 1024, ge=16, le=4096)
    # The rendez-vous platform's duplicate-appointment check (sync/online_checks/appointments.py): a path on
    # the CERT or the platform's https:// URL, and the token the platform gave the commune (empty: the check
    # is not made, and the agent is told so).
    rdv_status_url: str = Field(default=RDV_STATUS_PATH, min_length=1, max_length=300)
    rdv_token: str = Field(default="", max_length=200)

    @field_validator("url")
    @classmethod
    def _https(cls, v: str) -> str:
        if not v.startswith("https://"):
            raise ValueError("the CERT endpoint must be an https:// URL")
        return v.rstrip("/")


class AuthSection(_Section):
    agent_ca: Path
    inactivity_timeout_s: int = Field(default=600, ge=5)
    # How long past its nextUpdate the last agent revocation list is still believed (network outages).
    # Hours, a day by default: a revoked card must not keep opening sessions on a station offline for a week.
    crl_grace_hours: int = Field(default=24, ge=0, le=24 * 30)

    @model_validator(mode="before")
    @classmethod
    def _no_grace_in_days(cls, data: object) -> object:
        # The old key is refused rather than converted: it was usually 7 days, the very delay the audit
        # found too long, and silently keeping it would defeat the new default.
        if isinstance(data, dict) and "crl_grace_days" in data:
            raise ValueError(message("config.crl_grace_days", default=cls.model_fields["crl_grace_hours"].default))
        return data


class StoreSection(_Section):
    # Where the store key lives (station/store_key.py). auto: the OS keyring when usable, else sealed by the
    # TPM 2.0; never a file unless asked here by name ("file": beside the store, `station diagnose` warns).
    key_provider: Literal["auto", "keyring", "tpm", "file"] = "auto"
    key_file: Path | None = None  # "file" only; default: <data_dir>/store.key
    # The TPM's TCTI (tpm2-tss syntax): the kernel's resource manager on a station, "swtpm:host=...,port=..."
    # for a software TPM.
    tpm_tcti: str = Field(default="device:/dev/tpmrm0", pattern=r"^[a-z][a-z0-9-]*(:.*)?$")
    sealed_key: Path | None = None  # the key sealed by the TPM; default: <data_dir>/store-key.sealed
    # Days a draft (draft or complete) may stay untouched before it is deleted with its captures.
    draft_retention_days: int = Field(default=Retention.draft_retention_days, ge=1)


class DevicesSection(_Section):
    # The camera is read through OpenCV: a device index ("0" = /dev/video0) or a stream URL (in demos and
    # tests, hw-mocks' virtual camera: "http://127.0.0.1:PORT/camera.mjpg"), in the mode asked below.
    # "sbi": a certified camera's MOSIP SBI service (docs/sbi.md): preview and signed photo from the device.
    camera: Literal["opencv", "sbi"] = DEFAULTS["camera"]  # type: ignore[assignment]
    camera_source: str = Field(default=_DEVICES.camera_source, min_length=1)
    camera_width: int = Field(default=_DEVICES.camera_width, ge=160, le=7680)
    camera_height: int = Field(default=_DEVICES.camera_height, ge=120, le=4320)
    camera_fps: float = Field(default=_DEVICES.camera_fps, gt=0, le=120)
    # "usb": our USB command set (docs/fingerprint-scanner.md); "sbi": a certified scanner's SBI service.
    fingerprint: Literal["usb", "sbi"] = DEFAULTS["fingerprint"]  # type: ignore[assignment]
    # NFIQ 2 score a try must reach to be kept at once (enrollment/fingerprint/thresholds.py justifies it).
    fingerprint_min_quality: int = Field(default=FINGERPRINT.min_quality, ge=0, le=100)
    # The signature pad: "usb" (our USB pad) or "tablet" (any pen tablet the system knows, read through an
    # applicant's window on a second screen when there is one), docs/signature-pad.md; with the tablet, a
    # mouse or a finger signs only if allowed here.
    signature_pad: Literal["usb", "tablet"] = DEFAULTS["signature_pad"]
    signature_allow_mouse: bool = _DEVICES.signature_allow_mouse
    # The barcode reader: "simulated" (hw-mocks' link), "wedge" (a USB reader typing like a keyboard, caught
    # by the window), "serial" (USB CDC or RS-232) or "camera" (codes decoded from a camera's image).
    barcode: Literal["simulated", "wedge", "serial", "camera"] = DEFAULTS["barcode"]
    # What the reader sends around each code (wedge and serial; set the same on the reader itself).
    barcode_prefix: str = Field(default=_DEVICES.barcode_prefix, max_length=8)
    barcode_suffix: str = Field(default=_DEVICES.barcode_suffix, min_length=1, max_length=8)
    # Wedge: keys further apart than this are a person typing, not the reader.
    barcode_max_gap_ms: float = Field(default=_DEVICES.barcode_max_gap_ms, ge=5, le=200)
    barcode_serial_port: str = Field(default=_DEVICES.barcode_serial_port, min_length=1)
    barcode_serial_baud: int = Field(default=_DEVICES.barcode_serial_baud, ge=300, le=921600)
    # Camera: its own source (device index or URL), "" = the photo camera's source.
    barcode_camera_source: str = _DEVICES.barcode_camera_source
    # The document scanner through SANE ("sane": any scanner SANE drives, USB or network), or hw-mocks' link
    # ("simulated"): the SANE device ("" = the first listed; `scanimage -L`), the resolution and mode asked,
    # and a private SANE configuration folder ("" = the system's /etc/sane.d).
    document_scanner: Literal["sane", "simulated"] = DEFAULTS["document_scanner"]
    document_scanner_device: str = _DEVICES.document_scanner_device
    document_scanner_dpi: Literal[150, 200, 300, 600] = _DEVICES.document_scanner_dpi  # type: ignore[assignment]
    document_scanner_mode: Literal["gray", "color"] = _DEVICES.document_scanner_mode  # type: ignore[assignment]
    sane_config_dir: str = _DEVICES.sane_config_dir
    # The printer for the applicant's receipts: CUPS ("cups"), or "none" (nothing printed, the agent told so);
    # its queue ("" = the system's default) and scheduler ("" = the system's; a socket path or host:port).
    printer: Literal["cups", "none"] = DEFAULTS["printer"]
    printer_name: str = _DEVICES.printer_name
    cups_server: str = _DEVICES.cups_server
    # The agent card through its PKCS#11 module (OpenSC's by default, or the card vendor's middleware), over
    # PC/SC: a real reader, or in the demo the emulated PIV card behind vpcd.
    smartcard: Literal["pkcs11"] = DEFAULTS["smartcard"]  # type: ignore[assignment]
    smartcard_reader: str = _DEVICES.smartcard_reader  # part of the reader's name when several are plugged in
    smartcard_module: str = _DEVICES.smartcard_module  # the PKCS#11 module's path ("" = OpenSC's)
    smartcard_key: str = _DEVICES.smartcard_key  # the agent certificate's label or hex id ("" = the first)
    # USB drivers (fingerprint scanner, signature pad) reach their devices through libusb, or in demos and
    # tests through hw-mocks' emulated bus: "sim://127.0.0.1:PORT".
    usb_backend: str = Field(default=_DEVICES.usb_backend, pattern=r"^(libusb|sim://[A-Za-z0-9.\-]*:\d{1,5})$")
    simulator_host: str = _DEVICES.simulator_host
    simulator_port: int = Field(default=DEFAULT_SIMULATOR_PORT, ge=1, le=65535)
    # SBI devices (docs/sbi.md): the service's port (0 = discover on 4501-4600), the scanner and the camera
    # to use when several answer (serial numbers, "" = the first ready), the device providers' CA
    # certificates the station trusts (PEM file), and the environment the devices are registered for.
    sbi_port: int = Field(default=_DEVICES.sbi_port, ge=0, le=65535)
    sbi_fingerprint_device: str = _DEVICES.sbi_fingerprint_device
    sbi_camera_device: str = _DEVICES.sbi_camera_device
    sbi_trust: str = _DEVICES.sbi_trust
    sbi_env: Literal["Production", "Pre-Production", "Staging", "Developer"] = _DEVICES.sbi_env  # type: ignore[assignment]


class OutboxSection(_Section):
    base_delay_s: float = Field(default=OutboxSettings.base_delay_s, gt=0)
    max_delay_s: float = Field(default=OutboxSettings.max_delay_s, gt=0)
    # Visible outbox: a dossier queued longer than this raises the agent's alert. Four hours: a
    # morning's dossiers still waiting at lunch means the link is down, not that the CERT is slow.
    alert_after_minutes: int = Field(default=240, ge=1)
    # Days a purged dossier's minimal receipt (number, date, agent) is kept, then forgotten by the outbox.
    receipt_retention_days: int = Field(default=Retention.receipt_retention_days, ge=1)


class AuditSection(_Section):
    # Days an audit entry stays on the station once the CERT holds it (enrollment/retention.py says why).
    retention_days: int = Field(default=Retention.audit_retention_days, ge=1, le=3660)


class FleetSection(_Section):
    # The heartbeat to the CERT (docs/fleet.md): minutes between two, sent by the outbox's thread.
    heartbeat_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # Sealing is refused while the last measured clock skew exceeds this (docs/fleet.md says why 120 s).
    max_clock_skew_seconds: int = Field(default=120, ge=5, le=3600)


class DocumentsSection(_Section):
    # A proof of address whose 2D-Doc is older than this many days is flagged (docs/2d-doc.md).
    proof_of_address_max_age_days: int = Field(default=MAX_AGE_DAYS, ge=1, le=3660)


class UpdatesSection(_Section):
    # Signed updates (docs/updates.md): how often the CERT's releases are checked, in hours.
    check_hours: float = Field(default=6.0, gt=0, le=24 * 7)
    # The update repository's root.json installed with the station (default: <data_dir>/updates/root.json).
    trusted_root: Path | None = None
    # The packaged install (versions/, current, previous); default: found from the running build, none in a
    # development checkout (which then checks and downloads but never installs).
    install_root: Path | None = None
    self_test_timeout_s: float = Field(default=120.0, gt=0, le=3600)
class ReferenceSection(_Section):
    # Reference lists from the CERT (docs/reference-data.md): fetched at start and every this many hours by
    # the outbox's thread; `station reference refresh` fetches at once.
    refresh_hours: float = Field(default=6, gt=0, le=24 * 7)
    # Lists that must have come from the CERT (not only shipped with the software) before a new enrollment
    # starts: e.g. ["rules"] in production. A list fetched once is always held to its limit.
    required: list[Literal["rules", "communes", "twoddoc-trust"]] = Field(default_factory=list)


class LoggingSection(_Section):
    dir: Path | None = None  # default: <data_dir>/logs
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: int = 5_000_000
    backups: int = 5


class Config(_Section):
    station_id: str
    mairie_insee: str
    mairie_name: str = ""
    data_dir: Path = Field(default_factory=lambda: _platform_dir("user_data_dir"))
    cert: CertSection
    auth: AuthSection
    store: StoreSection = Field(default_factory=StoreSection)
    devices: DevicesSection = Field(default_factory=DevicesSection)
    outbox: OutboxSection = Field(default_factory=OutboxSection)
    audit: AuditSection = Field(default_factory=AuditSection)
    documents: DocumentsSection = Field(default_factory=DocumentsSection)
    fleet: FleetSection = Field(default_factory=FleetSection)
    reference: ReferenceSection = Field(default_factory=ReferenceSection)
    logging: LoggingSection = Field(default_factory=LoggingSection)
    updates: UpdatesSection = Field(default_factory=UpdatesSection)
    # Face-photo limits that differ from enrollment/face/thresholds.py (the "(verify)" values of the norms).
    face: dict[str, float] = Field(default_factory=dict)

    @field_validator("face")
    @classmethod
    def _face(cls, v: dict[str, float]) -> dict[str, float]:
        FaceThresholds.with_overrides(v)  # unknown names or impossible values fail at start-up, not mid-photo
        return v

    @field_validator("station_id")
    @classmethod
    def _station_id(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{1,63}", v):
            raise ValueError("letters, digits, '-', '_' or '.', 2 to 64 characters")
        return v

    @field_validator("mairie_insee")
    @classmethod
    def _insee(cls, v: str) -> str:
        # INSEE commune codes: 5 characters, digits except Corsica's 2A/2B.
        if not re.fullmatch(r"(\d{5}|2[AB]\d{3})", v):
            raise ValueError("an INSEE commune code has 5 characters, e.g. 21231 or 2A004")
        return v

    @property
    def store_path(self) -> Path:
        return self.data_dir / "station.db"

    @property
    def key_file(self) -> Path:
        return self.store.key_file or self.data_dir / "store.key"

    @property
    def crl_path(self) -> Path:
        return self.data_dir / "agent-crl.der"

    @property
    def twoddoc_trust_path(self) -> Path:
        """The 2D-Doc trust list a technician installed (`station twoddoc-trust refresh`), when there is one."""
        return self.data_dir / "2ddoc-trust.json"

    @property
    def reference_dir(self) -> Path:
        """The verified reference lists fetched from the CERT (sync/reference/cache.py)."""
        return self.data_dir / "reference"

    @property
    def communes_path(self) -> Path:
        """Where `station communes refresh` installs a newer COG list than the one the station ships."""
        return self.data_dir / "communes" / "cog.csv.gz"

    @property
    def clock_path(self) -> Path:
        """The last clock skew measured against the CERT (sync/heartbeat.py)."""
        return self.data_dir / "clock-skew.json"

    @property
    def last_update_path(self) -> Path:
        """What the updater last installed: {"version", "at"} (written by the updater, read by the heartbeat)."""
        from .updates.events import LAST_UPDATE

        return self.updates_dir / LAST_UPDATE

    @property
    def updates_dir(self) -> Path:
        """The update metadata cache, the staged archive and the update state (station/updates/)."""
        return self.data_dir / "updates"

    @property
    def trusted_root(self) -> Path:
        return self.updates.trusted_root or self.updates_dir / "root.json"

    @property
    def log_dir(self) -> Path:
        return self.logging.dir or self.data_dir / "logs"


def default_path() -> Path:
    return _platform_dir("user_config_dir") / "station.toml"


def resolve_path(cli_path: str | None) -> Path:
    if cli_path:
        return Path(cli_path)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return default_path()


def _absolutise(raw: dict, base: Path) -> None:
    """Make relative paths relative to the configuration file, not to wherever the station was started."""
    for section, keys in {
        "": ("data_dir",),
        "cert": ("trust_anchor", "client_cert", "client_key", "encryption_cert"),
        "auth": ("agent_ca",),
        "store": ("key_file", "sealed_key"),
        "logging": ("dir",),
        "updates": ("trusted_root", "install_root"),
    }.items():
        target = raw if not section else raw.get(section)
        if not isinstance(target, dict):
            continue
        for k in keys:
            if isinstance(target.get(k), str):
                try:
                    p = Path(target[k]).expanduser()
                except RuntimeError:  # "~someone/..." for a user this machine does not know
                    field = f"{section}.{k}" if section else k
                    raise ConfigError("config.invalid", message(
                        "config.home", field=field, user=target[k].split("/")[0])) from None
                target[k] = str(p if p.is_absolute() else base / p)


def load(path: Path) -> Config:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("config.missing", message("config.missing", path=path), str(path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.syntax", message("config.syntax", error=exc), str(path)) from exc
    except (OSError, ValueError) as exc:  # a folder, no permission, a NUL in the name
        raise ConfigError("config.unreadable", message("config.unreadable", path=path), str(path)) from exc
    try:
        _absolutise(raw, path.parent.resolve())
    except ConfigError as exc:
        raise ConfigError(exc.code, exc.message, str(path)) from None
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        lines = [
            f"- {'.'.join(str(p) for p in e['loc'])} : {e['msg']}" for e in exc.errors(include_input=False)
        ]
        raise ConfigError("config.invalid", message("config.invalid", lines="\n".join(lines)), str(path)) from None
    missing = [
        f"- {name} : {p}"
        for name, p in (
            ("cert.trust_anchor", config.cert.trust_anchor),
            ("cert.client_cert", config.cert.client_cert),
            ("cert.client_key", config.cert.client_key),
            ("auth.agent_ca", config.auth.agent_ca),
        )
        if not p.is_file()
    ]
    if missing:
        raise ConfigError("config.files", message("config.files", lines="\n".join(missing)), str(path))
    return config
