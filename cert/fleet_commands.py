"""`cert-server fleet [--json] --data-dir DIR`: every station that sent a heartbeat, its last report and
what is wrong with it (cert/fleet_health.py). Exit status 1 when a station is unhealthy, 0 otherwise."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .fleet import DB_NAME, FleetStore, StationBeat
from .fleet_health import Reason, Thresholds, assess
from .read_store import read_store


def _row(beat: StationBeat, reasons: list[Reason]) -> dict:
    h = beat.heartbeat
    return {
        "station_id": beat.station_id,
        "mairie": beat.mairie,
        "version": h.software_version,
        "last_seen": beat.received_at.isoformat(),
        "outbox_depth": h.outbox.depth,
        "outbox_oldest_age_s": h.outbox.oldest_age_s,
        "clock_skew_s": h.clock.skew_s if h.clock else None,
        "disk_free_bytes": h.disk_free_bytes,
        "certificate_not_after": h.certificate_not_after,
        "devices_not_usable": [d.kind for d in h.devices if not d.usable],
        "healthy": not reasons,
        "reasons": [{"code": r.code, "detail": r.detail} for r in reasons],
    }


def _fleet(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    beats = read_store(data_dir, DB_NAME, FleetStore, FleetStore.last, f"no heartbeat received in {data_dir}")
    if beats is None:
        return 1
    now = datetime.now(UTC)
    thresholds = Thresholds(timedelta(minutes=args.interval_minutes) if args.interval_minutes else None,
                            args.max_skew_seconds)
    rows = [_row(b, assess(b, now, thresholds)) for b in beats]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'station':<16} {'mairie':<6} {'version':<10} {'last_seen':<20} {'outbox':>6} {'oldest':>8} "
              f"{'skew_s':>8} {'disk_GiB':>8} {'cert_until':<10} devices_down")
        for r in rows:
            oldest = "-" if r["outbox_oldest_age_s"] is None else f"{r['outbox_oldest_age_s'] // 60}m"
            skew = "-" if r["clock_skew_s"] is None else f"{r['clock_skew_s']:+.1f}"
            disk = "-" if r["disk_free_bytes"] is None else f"{r['disk_free_bytes'] / 1024**3:.1f}"
            print(f"{r['station_id']:<16} {r['mairie'] or '-':<6} {r['version']:<10} {r['last_seen'][:19]:<20} "
                  f"{r['outbox_depth']:>6} {oldest:>8} {skew:>8} {disk:>8} "
                  f"{(r['certificate_not_after'] or '-')[:10]:<10} {','.join(r['devices_not_usable']) or '-'}")
            for reason in r["reasons"]:
                print(f"  UNHEALTHY {reason['code']}: {reason['detail']}")
        unhealthy = sum(not r["healthy"] for r in rows)
        print(f"{len(rows)} station(s), {unhealthy} unhealthy")
    return 0 if all(r["healthy"] for r in rows) else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fleet", help="the stations' last heartbeats, the unhealthy ones flagged (exit 1)")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--json", action="store_true", help="one JSON array, a record per station")
    p.add_argument("--interval-minutes", type=float,
                   help="expected heartbeat interval (default: the one each station declares)")
    p.add_argument("--max-skew-seconds", type=float,
                   help="clock skew limit (default: the one each station declares)")
    p.set_defaults(func=_fleet)
