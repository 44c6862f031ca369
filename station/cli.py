"""The `station` command.

  station [--config PATH]              open the station window
  station diagnose [DEVICE] [--json]   run the device, station certificate and store-key diagnostics
                                       (technicians)
  station check-config                 validate the configuration and exit
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from enrollment.errors import StoreError

from . import commands
from . import config as config_mod
from .errors import StationError
from .strings import message

if TYPE_CHECKING:
    from devices.diagnosis import Diagnosis


def _load(args: argparse.Namespace) -> config_mod.Config:
    return config_mod.load(config_mod.resolve_path(args.config))


def cmd_run(args: argparse.Namespace) -> int:
    from .app import run_gui

    cfg = _load(args)
    _confirm_update(cfg)
    return run_gui(cfg)


def _confirm_update(cfg: config_mod.Config) -> None:
    """A version just installed confirms itself by its self-test at its first start; if it fails, the
    previous version is put back and started in this process's place (station/updates/apply.py)."""
    import os

    from .updates.service import confirm_at_start

    outcome = confirm_at_start(cfg)
    if outcome is not None and outcome[0] == "rolled_back":
        from .updates.layout import discover

        layout = discover(cfg.updates.install_root)
        if layout is not None:
            exe = layout.root / "current" / "station"
            os.execv(exe, [str(exe), *sys.argv[1:]])


def cmd_check_config(args: argparse.Namespace) -> int:
    cfg = _load(args)
    print(message("cli.config_valid", station=cfg.station_id, insee=cfg.mairie_insee, url=cfg.cert.url))
    return 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    from .certificate_diagnosis import DEVICE as CERTIFICATE
    from .certificate_diagnosis import diagnose_station_certificate
    from .diagnosis_text import format_diagnosis
    from .store_key_diagnosis import diagnose_store_key

    cfg = _load(args)
    kind = {"card": "smartcard", "store": "store_key"}.get(args.device, args.device)
    # The station's own certificate and its store key, with every device or alone: they are the station's,
    # not a device's.
    results: list[Diagnosis] = []
    if kind not in ("store_key", CERTIFICATE):
        devices = _diagnose_devices(cfg, kind)
        if devices is None:
            print(message("cli.unknown_device", device=args.device), file=sys.stderr)
            return 2
        results += devices
    if kind in (None, CERTIFICATE):
        results.append(diagnose_station_certificate(cfg.cert.client_cert))
    if kind in (None, "store_key"):
        results.append(diagnose_store_key(cfg))
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(format_diagnosis(r))
    return 0 if all(r.ok for r in results) else 1


def _diagnose_devices(cfg: config_mod.Config, kind: str | None) -> list[Diagnosis] | None:
    """Each device's diagnosis (of `kind` only, when given), or None when no device is of that kind."""
    from cryptography import x509

    from devices.registry import open_devices
    from sync.errors import SyncError

    from .card_diagnosis import diagnose_card
    from .context import device_settings, fetch_revocation, revocation_list

    devices = open_devices(device_settings(cfg))
    try:
        handles = [h for h in devices if kind in (None, h.kind)]
        if not handles:
            return None
        results = []
        for h in handles:
            if h.kind == "smartcard":
                agent_ca = x509.load_pem_x509_certificate(cfg.auth.agent_ca.read_bytes())
                revocation = revocation_list(cfg, agent_ca)
                try:  # a fresh list if the CERT answers; else the diagnosis reports the one kept
                    fetch_revocation(cfg, revocation)
                except (SyncError, ValueError):
                    pass
                future = h.worker.submit(diagnose_card, h.driver, agent_ca, revocation, cfg.mairie_insee)
            else:
                future = h.diagnose()
            results.append(future.result(timeout=60))
        return results
    finally:
        devices.close()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="station", description="Recueil enrollment station")
    p.add_argument("--config", help=f"configuration file (default: ${config_mod.ENV_VAR} or "
                                    f"{config_mod.default_path()})")
    p.set_defaults(func=cmd_run)
    sub = p.add_subparsers(dest="command")
    g = sub.add_parser("diagnose", help="run the device diagnostics")
    g.add_argument("device", nargs="?", help="camera, fingerprint, signature_pad, barcode, document_scanner, printer, "
                                             "card (or smartcard), certificate (the station's), store (where the "
                                             "store key lives) (default: all)")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_diagnose)
    c = sub.add_parser("check-config", help="validate the configuration file")
    c.set_defaults(func=cmd_check_config)
    for module in commands.modules():
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StationError as exc:
        print(exc.message, file=sys.stderr)
        if exc.detail:
            print(message("cli.error_file", path=exc.detail), file=sys.stderr)
        return 2
    except StoreError as exc:  # the store cannot be opened (its key above all): the technician must act
        print(exc.message, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
