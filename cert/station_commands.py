"""`cert-server station add|list|revoke`: the operator's commands over the station registry
(cert/registry.py). They may run while the service runs: the registry is SQLite in WAL mode, and the
service reads it at every request, so a revocation takes effect at its next request.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .read_store import read_store
from .registry import DEFAULT_VALID_HOURS

INSEE_PATTERN = r"\d{5}|2[AB]\d{3}"  # digits, except Corsica's 2A/2B (as station/config.py checks)


def _station_add(args: argparse.Namespace) -> int:
    from .provisioning import StationRegistry
    from .station_ca import Registration

    insee = args.mairie_insee or _insee_from_station_id(args.station_id)
    if insee is None:
        print("--mairie-insee is needed: the station id does not carry the INSEE code (DR-<INSEE>-NN)",
              file=sys.stderr)
        return 2
    if not re.fullmatch(INSEE_PATTERN, insee):
        print("an INSEE commune code has 5 characters, e.g. 21231 or 2A004", file=sys.stderr)
        return 2
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{1,63}", args.station_id):
        print("a station id is 2-64 letters, digits, '-', '_' or '.'", file=sys.stderr)
        return 2
    registry = StationRegistry(Path(args.data_dir))
    try:
        token = registry.add(Registration(args.station_id, insee, args.mairie_name or f"Mairie {insee}"),
                             args.valid_hours)
        record = registry.find(token)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        registry.close()
    assert record is not None
    # The token alone on stdout (TOKEN=$(cert-server station add ...)); it is shown this once, never stored.
    print(f"one-time provisioning token for {args.station_id}, valid until {record.expires_at.isoformat()} "
          "(shown once; earlier unused tokens of this station no longer work):", file=sys.stderr)
    print(token)
    return 0


def _insee_from_station_id(station_id: str) -> str | None:
    found = re.fullmatch(rf"DR-({INSEE_PATTERN})-\w+", station_id)
    return found.group(1) if found else None


def _station_list(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from .provisioning import DB_NAME as STATIONS_DB
    from .provisioning import StationRegistry

    data_dir = Path(args.data_dir)
    rows = read_store(data_dir, STATIONS_DB, StationRegistry, StationRegistry.all,
                      f"no station registry in {data_dir} (cert-server station add creates it)")
    if rows is None:
        return 1
    now = datetime.now(UTC)
    print(f"{'station':<16} {'insee':<6} {'state':<12} {'token_expires_at':<26} {'serial':<34} not_after")
    for r in rows:
        print(f"{r.registration.station_id:<16} {r.registration.mairie_insee:<6} {r.state(now):<12} "
              f"{r.expires_at.isoformat():<26} {r.serial_hex or '-':<34} "
              f"{r.not_after.isoformat() if r.not_after else '-'}")
    print(f"{len(rows)} token(s)")
    revoked = read_store(data_dir, STATIONS_DB, StationRegistry, StationRegistry.revocations, "")
    if revoked:
        print(f"\nrevoked certificates\n{'station':<16} {'serial':<34} {'revoked_at':<26} reason")
        for v in revoked:
            print(f"{v.station_id:<16} {v.serial_hex:<34} {v.revoked_at.isoformat():<26} {v.reason}")
    return 0


def _station_revoke(args: argparse.Namespace) -> int:
    from .provisioning import StationRegistry

    reason = " ".join(args.reason.split())
    if not reason:
        print("--reason must say why (e.g. 'stolen 2026-12-03'); it is kept with the revocation", file=sys.stderr)
        return 2
    registry = StationRegistry(Path(args.data_dir))
    try:
        serials = registry.revoke_station(args.station_id, reason)
    finally:
        registry.close()
    # Takes effect at the running service's next request: it reads the registry every time.
    print(f"{args.station_id}: {len(serials)} certificate(s) issued here revoked, unused tokens expired; "
          "any certificate of this station not issued here is refused too")
    for serial in serials:
        print(serial)
    if not serials:
        print(f"note: this CERT never issued a certificate to {args.station_id} (check the id: "
              "cert-server station list)", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    st = sub.add_parser("station", help="stations and their provisioning tokens").add_subparsers(
        dest="action", required=True)
    st_add = st.add_parser("add", help="register a station and print its one-time provisioning token")
    st_add.add_argument("station_id", metavar="STATION_ID", help="the CN its certificate will carry, e.g. DR-21231-02")
    st_add.add_argument("--data-dir", required=True)
    st_add.add_argument("--mairie-insee", help="INSEE code of its mairie (default: from DR-<INSEE>-NN)")
    st_add.add_argument("--mairie-name", help="the mairie's name, the certificate's O (default: Mairie <INSEE>)")
    st_add.add_argument("--valid-hours", type=int, default=DEFAULT_VALID_HOURS, help="how long the token may be used")
    st_add.set_defaults(func=_station_add)
    st_list = st.add_parser("list", help="stations, token state, certificate serial and expiry, "
                                          "revoked certificates")
    st_list.add_argument("--data-dir", required=True)
    st_list.set_defaults(func=_station_list)
    st_revoke = st.add_parser("revoke", help="shut a station out: revoke its certificates, expire its tokens")
    st_revoke.add_argument("station_id", metavar="STATION_ID")
    st_revoke.add_argument("--reason", required=True, help="why (stolen, retired...), kept in the revocation list")
    st_revoke.add_argument("--data-dir", required=True)
    st_revoke.set_defaults(func=_station_revoke)
