"""`cert-server audit [STATION_ID] --data-dir DIR`: the stations' audit trails as the CERT holds them, and the
alerts their chains raised (a gap, an edited entry, a broken link, a new chain). Without a station: one line
per station (its latest chain). With one: its trail and every alert. Exit status 1 when there is an alert
to look at, 0 otherwise."""

from __future__ import annotations

import argparse
from pathlib import Path

from .audit_log import DB_NAME, AuditStore
from .read_store import read_store


def _audit(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    found = read_store(data_dir, DB_NAME, AuditStore, lambda s: (s.trails(), s.alerts(args.station_id)),
                       f"no audit trail received in {data_dir}")
    if found is None:
        return 1
    trails, alerts = found
    if args.station_id:
        trails = [t for t in trails if t.station_id == args.station_id]
        if not trails:
            print(f"no audit trail received from {args.station_id}")
            return 1
    else:
        print(f"{'station':<20} {'entries':>8} {'from':>8} {'held_up_to':>10} {'alerts':>7}")
    for t in trails:
        if args.station_id:
            print(f"{t.station_id}: chain {t.chain[:8]}, {t.count} entries held, {t.first_seq} to {t.held_up_to}, "
                  f"head {t.head_hash[:16]}")
        else:
            print(f"{t.station_id:<20} {t.count:>8} {t.first_seq:>8} {t.held_up_to:>10} {t.alerts:>7}")
    if args.station_id:
        print(f"{len(alerts)} alert(s)")
        for a in alerts:
            print(f"{a.raised_at.isoformat()} entry {a.seq} {a.kind}: {a.detail}")
    return 1 if alerts else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="stations' audit trails and the alerts their chains raised")
    p.add_argument("station_id", nargs="?", metavar="STATION_ID", help="one station's trail and alerts")
    p.add_argument("--data-dir", required=True)
    p.set_defaults(func=_audit)
