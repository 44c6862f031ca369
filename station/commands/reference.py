"""`station reference [status|refresh] [--json]`: the reference lists in force (fee table and thresholds,
communes, 2D-Doc trust list, agent revocation list), their versions and ages, and fetching newer ones from
the CERT now (docs/reference-data.md).

Exit code: 0 when new enrollments are allowed, 3 when a list past its limit refuses them (the message says
which), 1 when `refresh` could not reach the CERT's index."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

EXIT_BLOCKED = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("reference", help="reference lists from the CERT: status, or refresh them now")
    p.add_argument("action", nargs="?", choices=("status", "refresh"), default="status")
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cryptography import x509

    from sync.errors import SyncError

    from .. import config as config_mod
    from ..context import cert_client, revocation_list
    from ..reference import StationReference
    from ..strings import message

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    agent_ca = x509.load_pem_x509_certificate(cfg.auth.agent_ca.read_bytes())
    reference = StationReference(cfg, revocation_list(cfg, agent_ca))
    lines: list[str] = []
    refreshed: dict[str, object] = {}
    failed = False
    if args.action == "refresh":
        from sync.reference.fetch import refresh

        try:
            with cert_client(cfg) as client:
                for name, outcome in refresh(client, reference.cache).items():
                    label = message(f"reference.label.{name}")
                    if isinstance(outcome, SyncError):
                        refreshed[name] = outcome.code
                        lines.append(message("reference.refresh_failed", label=label, text=outcome.message))
                    else:
                        held = reference.cache.current(name)
                        refreshed[name] = "installed" if outcome else "unchanged"
                        lines.append(message("reference.installed", label=label, version=held.version) if outcome
                                     and held else message("reference.unchanged", label=label))
        except SyncError as exc:
            failed = True
            refreshed["error"] = exc.code
            lines.append(exc.message)
    now = datetime.now(UTC)
    blocked = reference.blocking(now)
    report = {"refreshed": refreshed, "lists": [_entry(s, now) for s in reference.statuses()],
              "can_enroll": blocked is None, "blocked_by": blocked.message if blocked else None}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print("\n".join([*lines, *reference.status_lines(now)]))
    if failed:
        return 1
    return 0 if blocked is None else EXIT_BLOCKED


def _entry(s, now: datetime) -> dict[str, object]:
    return {"name": s.name, "version": s.version, "from_cert": s.from_cert,
            "issued_at": s.issued_at.isoformat() if s.issued_at else None,
            "expires_at": s.expires_at.isoformat() if s.expires_at else None,
            "age_days": s.age_days(now), "stale": s.stale(now), "problem": s.problem}
