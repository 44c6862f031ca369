"""`station support-bundle [--out PATH]`: one .tar.gz for the technician's ticket (docs/fleet.md "Support
bundle"), with no personal data in it, by construction rather than by scrubbing:

- diagnose.json: `station diagnose --json`, run in-process with a timeout (a device that is absent or hangs
  is recorded as a failure, its exception's type and code only);
- config.json: the effective configuration, every key not on the allow-list replaced by "<removed>" (tokens,
  the card key's label, anything added later), paths kept, URLs without their user and password;
- logs/: the station's JSON log lines (station/logging_setup.py), each rebuilt from the allow-listed fields
  only; a line that is not one of ours is counted, not copied;
- versions.json, audit.json (`station audit verify`: numbers and codes), outbox.json (counts, ages, error
  codes), clock.json (the last skew measured, the fleet settings), manifest.json (what is in, what failed).

Dossiers, receipts and audit entries are never read beyond their states and numbers."""

from __future__ import annotations

import argparse
import io
import json
import tarfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from ..config import Config

REMOVED = "<removed>"
DIAGNOSE_TIMEOUT_S = 180.0
# Keys copied as they are: settings, identifiers of the station and its mairie, paths. Anything else,
# including keys a later version adds, is replaced by REMOVED until someone adds it here.
SAFE_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"station_id", "mairie_insee", "mairie_name", "data_dir"}),
    "cert": frozenset({"trust_anchor", "client_cert", "client_key", "encryption_cert", "agency_id",
                       "connect_timeout_s", "read_timeout_s", "ephoto_code_length", "upload_chunk_kib"}),
    "auth": frozenset({"agent_ca", "inactivity_timeout_s", "crl_grace_hours"}),
    "store": frozenset({"key_provider", "key_file", "tpm_tcti", "sealed_key", "draft_retention_days"}),
    "devices": frozenset({"camera", "camera_width", "camera_height", "camera_fps", "fingerprint",
                          "fingerprint_min_quality", "signature_pad", "signature_allow_mouse", "barcode",
                          "barcode_prefix", "barcode_suffix", "barcode_max_gap_ms", "barcode_serial_port",
                          "barcode_serial_baud", "document_scanner", "document_scanner_device",
                          "document_scanner_dpi", "document_scanner_mode", "sane_config_dir", "printer",
                          "printer_name", "cups_server", "smartcard", "smartcard_reader", "smartcard_module",
                          "usb_backend", "simulator_host", "simulator_port", "sbi_port", "sbi_trust", "sbi_env"}),
    "outbox": frozenset({"base_delay_s", "max_delay_s", "alert_after_minutes", "receipt_retention_days"}),
    "audit": frozenset({"retention_days"}),
    "documents": frozenset({"proof_of_address_max_age_days"}),
    "fleet": frozenset({"heartbeat_minutes", "max_clock_skew_seconds"}),
    "logging": frozenset({"dir", "level", "max_bytes", "backups"}),
}
FREE_NUMBERS = frozenset({"face"})  # tables of numbers by threshold name: numbers kept, anything else removed
# URLs copied without their user and password (a camera stream's credentials), nor query or fragment.
URL_KEYS: dict[str, frozenset[str]] = {
    "cert": frozenset({"url", "rdv_status_url"}),
    "devices": frozenset({"camera_source", "barcode_camera_source"}),
}
# The log fields copied besides logging_setup.ALLOWED_FIELDS (those the formatter itself writes).
LOG_FRAME = frozenset({"time", "level", "logger", "exception", "error_code", "where"})
# Loggers whose `message` is a constant template of ours; another library's message may be formatted text.
OUR_LOGGERS = ("station", "sync", "enrollment", "devices")
PACKAGES = ("recueil", "PySide6-Essentials", "cryptography", "requests", "pydantic", "sqlcipher3", "numpy",
            "opencv-python-headless", "tpm2-pytss", "pyscard", "pyusb", "face-recognition", "nbis-py")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("support-bundle", help="write a .tar.gz of diagnostics for support (no personal data)")
    p.add_argument("--out", metavar="PATH", help="the archive to write (default: ./support-<station>-<time>.tar.gz)")
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import config as config_mod
    from ..errors import StationError
    from ..strings import message

    config = config_mod.load(config_mod.resolve_path(args.config))
    now = datetime.now(UTC)
    out = Path(args.out) if args.out else Path.cwd() / f"support-{config.station_id}-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    files, failures = collect(config, now)
    files["manifest.json"] = _json({"station_id": config.station_id, "created_at": now.isoformat(),
                                    "files": sorted(files), "failures": failures})
    try:
        write_archive(out, files)
    except OSError as exc:
        raise StationError("support_bundle.unwritable", message("support_bundle.unwritable", path=out),
                           str(out)) from exc
    print(message("support_bundle.written", path=out.resolve()))
    return 0


def collect(config: Config, now: datetime) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    """Each file of the bundle by name, and what could not be gathered (by file: the error's type and code)."""
    files: dict[str, bytes] = {}
    failures: dict[str, dict[str, str]] = {}
    parts: dict[str, Callable[[], Any]] = {
        "diagnose.json": lambda: _with_timeout(lambda: _diagnose(config), DIAGNOSE_TIMEOUT_S),
        "config.json": lambda: redact_config(config.model_dump(mode="json")),
        "versions.json": lambda: _versions(config),
        "audit.json": lambda: _store_part(config, _audit),
        "outbox.json": lambda: _store_part(config, lambda store: _outbox(store, now)),
        "clock.json": lambda: _clock(config),
    }
    for name, part in parts.items():
        try:
            files[name] = _json(part())
        except Exception as exc:  # recorded, never its text (which might quote anything)
            failures[name] = _failure(exc)
    for name, data in redacted_logs(config.log_dir).items():
        files[f"logs/{name}"] = data
    return files, failures


def write_archive(out: Path, files: dict[str, bytes]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw:
        out.chmod(0o600)
        with tarfile.open(fileobj=raw, mode="w:gz") as tar:
            for name, data in sorted(files.items()):
                info = tarfile.TarInfo(f"support/{name}")
                info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(data))


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n").encode()


def _failure(exc: BaseException) -> dict[str, str]:
    code = getattr(exc, "code", None)
    return {"error": type(exc).__name__, **({"code": code} if isinstance(code, str) else {})}


def _with_timeout(fn: Callable[[], Any], timeout_s: float) -> Any:
    """`fn` on a daemon thread: a device call that never returns must not hold the bundle back."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:
            result["error"] = exc

    worker = threading.Thread(target=target, name="support-diagnose", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise TimeoutError("diagnose")
    if "error" in result:
        raise result["error"]
    return result["value"]


def _diagnose(config: Config) -> dict[str, Any]:
    """What `station diagnose --json` prints: devices, the station certificate, the store key; a part that
    fails is recorded beside the others."""
    from ..certificate_diagnosis import diagnose_station_certificate
    from ..cli import _diagnose_devices
    from ..store_key_diagnosis import diagnose_store_key

    report: dict[str, Any] = {"diagnoses": [], "failures": {}}
    for name, part in (("devices", lambda: _diagnose_devices(config, None) or []),
                       ("certificate", lambda: [diagnose_station_certificate(config.cert.client_cert)]),
                       ("store_key", lambda: [diagnose_store_key(config)])):
        try:
            report["diagnoses"] += [d.to_dict() for d in part()]
        except Exception as exc:
            report["failures"][name] = _failure(exc)
    return report


def redact_config(dump: dict[str, Any]) -> dict[str, Any]:
    """The configuration with every value off the allow-list replaced by REMOVED."""

    def value(section: str, key: str, v: Any) -> Any:
        if key in SAFE_KEYS.get(section, ()):
            return v
        if key in URL_KEYS.get(section, ()) and isinstance(v, str):
            return _bare_url(v)
        return REMOVED

    out: dict[str, Any] = {}
    for key, v in dump.items():
        if key in FREE_NUMBERS and isinstance(v, dict):
            out[key] = {str(k): n if isinstance(n, (int, float)) else REMOVED for k, n in v.items()}
        elif isinstance(v, dict):
            out[key] = {k: value(key, k, sv) for k, sv in v.items()}
        else:
            out[key] = value("", key, v)
    return out


def _bare_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url if url.isdigit() else REMOVED  # a device index ("0"), else not a URL we know
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def redacted_logs(log_dir: Path) -> dict[str, bytes]:
    """Each log file (station.log and its rotations), each line rebuilt from allow-listed fields."""
    from ..logging_setup import ALLOWED_FIELDS, LOG_FILE

    keep = ALLOWED_FIELDS | LOG_FRAME
    out: dict[str, bytes] = {}
    for path in sorted(log_dir.glob(f"{LOG_FILE}*")):
        lines, dropped = [], 0
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            record = _log_record(line)
            if record is None:
                dropped += 1
                continue
            kept = {k: v for k, v in record.items() if k in keep and _plain(v, k == "where")}
            ours = str(record.get("logger", "")).split(".")[0] in OUR_LOGGERS
            kept["message"] = record.get("message") if ours and isinstance(record.get("message"), str) else REMOVED
            lines.append(json.dumps(kept, ensure_ascii=False))
        if dropped:
            lines.append(json.dumps({"support_bundle": "lines_not_copied", "count": dropped}))
        out[path.name] = ("\n".join(lines) + "\n").encode()
    return out


def _log_record(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _plain(v: Any, list_of_strings: bool) -> bool:
    if list_of_strings:
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    return v is None or isinstance(v, (str, int, float, bool))


def _versions(config: Config) -> dict[str, Any]:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from ..fleet import last_update, software_version

    def of(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    update = last_update(config.last_update_path)
    return {"station": software_version(), "python": platform.python_version(),
            "os": platform.platform(), "machine": platform.machine(),
            "packages": {name: of(name) for name in PACKAGES},
            "last_update": {"version": update.version, "at": update.at.isoformat() if update.at else None}
            if update else None}


def _store_part(config: Config, read: Callable[[Any], Any]) -> Any:
    from ..context import open_store

    store = open_store(config)
    try:
        return read(store)
    finally:
        store.close()


def _audit(store: Any) -> dict[str, Any]:
    from .audit import _verify

    return _verify(store)


def _outbox(store: Any, now: datetime) -> dict[str, Any]:
    """Counts, ages and error codes: never a dossier's content (nor its id)."""
    from collections import Counter

    status = store.outbox.status()
    waiting = store.outbox.waiting()
    states = Counter(s.state.value for s in store.dossiers.summaries())
    return {"waiting": status.count,
            "oldest_age_s": round((now - status.oldest_queued_at).total_seconds()) if status.oldest_queued_at else None,
            "last_error_code": status.last_error_code,
            "errors": dict(Counter(e.last_error_code for e in waiting if getattr(e, "last_error_code", None))),
            "dossiers_by_state": dict(states)}


def _clock(config: Config) -> dict[str, Any]:
    from sync.heartbeat import read_measurement

    measured = read_measurement(config.clock_path)
    return {"heartbeat_minutes": config.fleet.heartbeat_minutes,
            "max_clock_skew_seconds": config.fleet.max_clock_skew_seconds,
            "last_measurement": measured.to_dict() if measured else None,
            "station_time": datetime.now(UTC).isoformat()}
