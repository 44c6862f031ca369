"""`station audit verify [--json]` and `station audit show [--last N] [--json]`: the technician's view of the
audit trail (docs/audit-trail.md), identifiers and codes only.

`verify` walks the chain from where the retention purge left it to the last entry: exit 0 when it holds, 1
naming the first entry that was deleted, edited or rewritten. `show` lists the latest entries. Both open the
store as `station outbox` does, beside a running station; neither writes an entry."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enrollment.store import Store

EXIT_BROKEN = 1
DEFAULT_LAST = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("audit", help="verify the audit trail's chain, or show its latest entries")
    p.add_argument("action", choices=("verify", "show"))
    p.add_argument("--last", type=int, default=DEFAULT_LAST, metavar="N", help="show: the N latest entries")
    p.add_argument("--json", action="store_true", help="one JSON document")
    # Also accepted after the sub-command; SUPPRESS keeps `station --config X audit` working.
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import config as config_mod
    from ..context import open_store

    store = open_store(config_mod.load(config_mod.resolve_path(args.config)))
    try:
        report = _verify(store) if args.action == "verify" else _show(store, max(args.last, 0))
    finally:
        store.close()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else _text(report))
    return EXIT_BROKEN if args.action == "verify" and report["break"] is not None else 0


def _state(store: Store) -> dict[str, Any]:
    state = store.audit.state()
    return {"purged_up_to": state.ends.anchor_seq, "last_seq": state.ends.head_seq,
            "held_by_cert_up_to": state.acked_seq, "unsent": state.unsent, "last_error_code": state.last_error_code}


def _verify(store: Store) -> dict[str, Any]:
    found = store.audit.verify()
    return {"action": "verify", **_state(store),
            "break": None if found is None else {"seq": found.seq, "kind": found.kind.value}}


def _show(store: Store, last: int) -> dict[str, Any]:
    return {"action": "show", **_state(store), "entries": [e.fields() for e in store.audit.last(last)] if last else []}


def _text(report: dict[str, Any]) -> str:
    from ..strings import message

    lines: list[str] = []
    if report["action"] == "show":
        lines += [_row(e) for e in report["entries"]] or [message("audit.cli.none")]
    elif report["break"] is not None:
        why = message(f"audit.break.{report['break']['kind']}", seq=report["break"]["seq"])
        return message("audit.cli.broken", why=why)
    else:
        first, last = report["purged_up_to"] + 1, report["last_seq"]
        lines.append(message("audit.cli.intact", first=first, last=last, count=last - first + 1) if last >= first
                     else message("audit.cli.empty"))
    if report["purged_up_to"]:
        lines.append(message("audit.cli.purged", seq=report["purged_up_to"]))
    held = report["held_by_cert_up_to"]
    lines.append(message("audit.cli.held", seq=held) if held else message("audit.cli.none_held"))
    if report["unsent"]:
        lines.append(message("audit.cli.unsent", count=report["unsent"]))
    if report["last_error_code"]:
        lines.append(message("audit.cli.last_error", code=report["last_error_code"]))
    return "\n".join(lines)


def _row(entry: dict[str, Any]) -> str:
    from ..strings import label, message

    details = "".join(message(f"audit.cli.{key}", value=entry[field])
                      for key, field in (("dossier", "dossier_id"), ("title", "title_number"), ("reason", "reason"),
                                         ("ref", "ref"))
                      if entry[field] is not None)
    who = message("audit.cli.agent", agent=entry["agent_id"]) if entry["agent_id"] else message("audit.cli.station")
    return message("audit.cli.row", seq=entry["seq"], event=label(f"audit.event.{entry['event']}"), who=who,
                   time=message("audit.cli.time", time=datetime.fromisoformat(entry["at"]).astimezone()),
                   details=details)
