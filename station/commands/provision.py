"""`station provision --url URL --token TOKEN --trust-anchor cert-ca.pem [--out DIR] [--station-id ID]
[--update-root 1.root.json]`: install a station's client certificate, issued by the CERT for a one-time token
(sync/provisioning.py), and the root of trust of its signed updates (docs/updates.md).

Run by the technician who installs the station, before its configuration can load (the configuration
requires the certificate files). The station id comes from `--station-id`, else from `station_id` in the
configuration file (read as plain TOML, not validated). `--token -` reads the token from standard input, so
that it does not show in the process list or the shell history. The files go to `--out` (default: the
trust anchor's folder, where the configuration's other certificates usually are). `--update-root`, handed
over with the trust anchor, must be a TUF root signed by its own root keys; it is checked before anything is
asked of the CERT and installed beside the certificate. Prints the `[cert]` (and `[updates]`) lines to use.
Exit code 0 when the certificate is written, 1 when the CERT or the checks refuse, 2 on bad input.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

from ..strings import message

STATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{1,63}")  # as station/config.py validates it


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("provision", help="obtain this station's client certificate from the CERT")
    p.add_argument("--url", required=True, help="the CERT's address, e.g. https://cert.example:8443")
    p.add_argument("--token", required=True, help="one-time token from the CERT operator ('-': read stdin)")
    p.add_argument("--trust-anchor", required=True, help="the CERT's root certificate (cert-ca.pem)")
    p.add_argument("--out", help="folder for station.key, station.pem (default: the trust anchor's folder)")
    p.add_argument("--station-id", help="this station's id (default: station_id of the configuration)")
    p.add_argument("--update-root", help="the CERT's update repository root (1.root.json, given with the trust "
                                         "anchor): checked and installed as update-root.json beside the certificate")
    p.set_defaults(func=run)


def _station_id(args: argparse.Namespace) -> str | None:
    if args.station_id:
        return args.station_id
    from .. import config as config_mod

    path = config_mod.resolve_path(args.config)
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("station_id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def _toml(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def run(args: argparse.Namespace) -> int:
    from sync.errors import SyncError
    from sync.provisioning import KEY_FILE, provision

    from .. import config as config_mod

    station_id = _station_id(args)
    if station_id is None:
        print(message("provisioning.no_station_id", path=config_mod.resolve_path(args.config)), file=sys.stderr)
        return 2
    if not STATION_ID.fullmatch(station_id):
        print(message("provisioning.bad_station_id"), file=sys.stderr)
        return 2
    token = sys.stdin.readline().strip() if args.token == "-" else args.token.strip()
    if not token:
        print(message("provisioning.no_token"), file=sys.stderr)
        return 2
    trust_anchor = Path(args.trust_anchor).resolve()
    out = Path(args.out).resolve() if args.out else trust_anchor.parent
    update_root = None
    if args.update_root:
        try:
            update_root = checked_update_root(Path(args.update_root).read_bytes())
        except (OSError, ValueError):
            print(message("provisioning.bad_update_root", path=args.update_root), file=sys.stderr)
            return 2
    try:
        done = provision(args.url, token, station_id, trust_anchor, out)
    except SyncError as exc:
        print(exc.message, file=sys.stderr)
        if (out / KEY_FILE).exists() and exc.code not in ("provision.key_unusable", "provision.already_done"):
            print(message("provisioning.key_kept", path=out / KEY_FILE), file=sys.stderr)
        return 1
    print(message("provisioning.done", station=done.station_id, certificate=done.certificate,
                  serial=done.serial_hex, not_after=done.not_after.strftime("%d/%m/%Y")))
    print(message("provisioning.config"))
    print("[cert]")
    print(f"url = {_toml(args.url)}")
    print(f"trust_anchor = {_toml(trust_anchor)}")
    print(f"client_cert = {_toml(done.certificate)}")
    print(f"client_key = {_toml(done.key)}")
    if update_root is not None:
        installed = out / UPDATE_ROOT_FILE
        installed.write_bytes(update_root)
        print("[updates]")
        print(f"trusted_root = {_toml(installed)}")
    return 0


UPDATE_ROOT_FILE = "update-root.json"


def checked_update_root(data: bytes) -> bytes:
    """`data` when it is a TUF root metadata file signed by the threshold of its own root keys (ValueError
    otherwise): the one the station will trust for its updates, so it must be the real thing from the start."""
    from tuf.api.metadata import Metadata, Root

    try:
        root = Metadata[Root].from_bytes(data)
        root.verify_delegate(Root.type, root)
    except Exception as exc:  # tuf raises a handful of unrelated types for a file that is not a root
        raise ValueError("not a self-signed TUF root") from exc
    return data
