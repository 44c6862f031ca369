"""`station update check|status|install|rollback`: the technician's hand on signed updates (docs/updates.md).

`check` asks the CERT now, verifies its signed metadata and downloads the release offered to this station
(verified, staged); `install` installs the staged release at once (the technician knows no dossier is open),
`rollback` goes back to the previous version, `status` shows the versions and the last check. Exit code 0,
1 when the CERT's files were refused or nothing could be installed. The running window, if any, keeps its
version until it is restarted."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("update", help="signed updates: check the CERT, status, install, rollback")
    p.add_argument("action", choices=("check", "status", "install", "rollback"))
    # Also accepted after the sub-command; SUPPRESS keeps `station --config X update` working.
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sync.errors import SyncError
    from sync.strings import message as sync_message
    from sync.transport import CertClient

    from .. import config as config_mod
    from ..context import transport_settings
    from ..strings import message
    from ..updates.apply import InstallRefused
    from ..updates.service import UpdateService

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    client = CertClient(transport_settings(cfg))
    service = UpdateService.for_config(cfg, client)
    try:
        if args.action == "status":
            _status(service)
            return 0
        if args.action == "check":
            result = service.check()
            for r in result.refusals:
                print(sync_message(r.code, version=r.version))
            if result.offer is None:
                print(message("update.status.none"))
                return 0
            mandatory = message("update.check.mandatory") if result.offer.mandatory else ""
            print(message("update.check.offer", version=result.offer.version, mandatory=mandatory))
            service.check_and_stage()
            print(message("update.ready", version=result.offer.version))
            return 0
        if args.action == "install":
            done = service.install_staged()
            if done is None:
                print(message("update.status.none"))
                return 1
            print(message("update.installed", version=done.version))
            return 0
        print(message("update.rollback_done", version=service.rollback()))
        return 0
    except SyncError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except InstallRefused as exc:
        print(message("update.refused", version=exc.version, reason=message(exc.code)), file=sys.stderr)
        return 1
    finally:
        client.close()


def _status(service) -> None:  # type: ignore[no-untyped-def]
    for line in service.status_lines():
        print(line)
