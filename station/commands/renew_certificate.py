"""`station renew-certificate [--config PATH]`: replace the station's client certificate before it expires
(sync/renewal.py), with a new key generated here.

Uses the configuration's `[cert]` files and address. Key and certificate are swapped so that a crash at
any moment leaves a working pair; an interrupted swap is completed by the next run (and when the station
starts). Once installed, the new pair is shown to the CERT (a health request), which then revokes the old
certificate. Exit code 0 when the new pair is installed, 1 when the CERT or the checks refuse (the current
pair stays in service).
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("renew-certificate", help="renew this station's client certificate (new key)")
    # Also accepted after the sub-command; SUPPRESS keeps `station --config X renew-certificate` working.
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sync.errors import SyncError
    from sync.renewal import finish_interrupted_renewal, renew

    from .. import config as config_mod
    from ..strings import message

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    c = cfg.cert
    try:
        if finish_interrupted_renewal(c.client_cert, c.client_key):
            print(message("renewal.recovered"))
        done = renew(c.url, cfg.station_id, c.trust_anchor, c.client_cert, c.client_key)
    except SyncError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(message("renewal.done", station=cfg.station_id, certificate=done.certificate, serial=done.serial_hex,
                  not_after=done.not_after.strftime("%d/%m/%Y")))
    print(message("renewal.confirmed" if _show_to_cert(cfg) else "renewal.unconfirmed"))
    return 0


def _show_to_cert(cfg) -> bool:  # noqa: ANN001 - station.config.Config, imported late
    """One request with the new pair: the CERT's first sight of it retires the old certificate now rather than
    at the next dossier sent."""
    from sync.transport import CertClient

    from ..context import transport_settings

    client = CertClient(transport_settings(cfg))
    try:
        return client.health()
    finally:
        client.close()
