"""`station outbox [flush|run] [--json]`: the dossiers waiting for the CERT, and sending them now.

`station outbox` prints the queue's summary (the lines the window shows) and one line per waiting dossier:
id, state, queued at, attempts, next attempt, last error code; never a name. `station outbox flush` forgets
every backoff and runs the outbox worker's rounds until nothing is due or a round fails, then prints what
left and what remains. Exit code: 0 when the queue is empty at the end, 3 when dossiers remain.

`station outbox run` is the outbox without a window, for a service (the installed station's systemd user
unit recueil-outbox.service, docs/packaging.md): the station's own sender (the dossiers, the deliveries'
answers and the audit trail, on the outbox's backoff) runs until SIGTERM or Ctrl+C, then prints what
remains. Exit code 0.

It opens the store as the station does, without the devices. A running station may hold the same store at
the same time: SQLCipher's WAL journal lets both read and write, and a dossier sent by both is still one
dossier at the CERT (the idempotency key).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

EXIT_REMAINING = 3
# A flush is the agent's or technician's "now": it stops on the first round that leaves a dossier due,
# and in any case after this many rounds (each sends up to a batch of dossiers).
MAX_FLUSH_ROUNDS = 1000


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("outbox", help="show the dossiers waiting for the CERT (flush: send them now)")
    p.add_argument("action", nargs="?", choices=("show", "flush", "run"), default="show",
                   help="run: keep sending on the outbox's schedule until stopped (a service)")
    p.add_argument("--json", action="store_true", help="one JSON document")
    # Also accepted after the sub-command; SUPPRESS keeps `station --config X outbox` working.
    p.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import config as config_mod
    from ..context import open_store

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    if args.action == "run":
        return _run_until_stopped(cfg)
    store = open_store(cfg)
    try:
        flushed = _flush(cfg, store) if args.action == "flush" else None
        report = _report(cfg, store, flushed)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    if args.action == "flush":
        return 0 if report["summary"]["count"] == 0 else EXIT_REMAINING
    return 0


def _flush(cfg, store) -> dict[str, Any]:
    from enrollment.errors import EnrollmentError
    from sync.transport import CertClient

    from .. import logging_setup
    from ..context import outbox_worker, transport_settings
    from ..strings import message

    # The attempts go to the station's journal, like the window's (ids and codes only).
    logging_setup.configure(cfg.log_dir, cfg.logging.level, cfg.logging.max_bytes, cfg.logging.backups)
    before = {e.dossier_id for e in store.outbox.waiting()}
    client = CertClient(transport_settings(cfg))
    worker = outbox_worker(cfg, store, client)
    busy = False
    try:
        store.outbox.retry_all_now(worker.clock())
        for _ in range(MAX_FLUSH_ROUNDS):
            now = worker.clock()
            due = store.outbox.due(now, limit=worker.settings.batch_size)
            if not due:
                break
            try:
                worker.run_once(now)
            except EnrollmentError:
                # The running station moved the same dossier on between our read and our write.
                busy = True
                break
            if any(e.dossier_id in {d.dossier_id for d in due} for e in store.outbox.waiting()):
                break  # a round failed: its dossiers wait for their backoff, as the station would
    finally:
        client.close()
    after = {e.dossier_id for e in store.outbox.waiting()}
    return {"sent": sorted(before - after), "note": message("outbox.cli.busy") if busy else None}


def _run_until_stopped(cfg) -> int:
    """The window's sender, started as the window starts it (station/context.py); the device drivers are
    created with the context but nothing here talks to a device."""
    import signal
    import threading

    from ..context import build
    from ..strings import message

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    ctx = build(cfg, start_outbox=True)
    try:
        print(message("outbox.run.started"), flush=True)
        stop.wait()
        remaining = len(ctx.store.outbox.waiting())
    finally:
        ctx.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(message("outbox.run.stopped", remaining=remaining), flush=True)
    return 0


def _report(cfg, store, flushed: dict[str, Any] | None) -> dict[str, Any]:
    from ..outbox_status import read_summary

    summary = read_summary(store, cfg.outbox.alert_after_minutes)
    report: dict[str, Any] = {
        "summary": summary.to_dict(),
        "waiting": [
            {"dossier_id": e.dossier_id, "state": e.state.value, "queued_at": e.queued_at.isoformat(),
             "attempts": e.attempts, "next_attempt_at": e.next_attempt_at.isoformat(),
             "last_error_code": e.last_error_code}
            for e in store.outbox.waiting()
        ],
    }
    if flushed is not None:
        report["flush"] = flushed
    return report


def format_report(report: dict[str, Any]) -> str:
    from enrollment.model import State
    from enrollment.workflow import STATE_LABELS

    from ..strings import message

    lines: list[str] = []
    flush = report.get("flush")
    if flush is not None:
        lines.append(message("outbox.cli.flushed", sent=len(flush["sent"]), remaining=len(report["waiting"])))
        if flush["note"]:
            lines.append(flush["note"])
    lines.extend(report["summary"]["lines"])
    if report["waiting"]:
        lines.append(message("outbox.cli.header"))
        for e in report["waiting"]:
            error = message("outbox.cli.row_error", code=e["last_error_code"]) if e["last_error_code"] else ""
            lines.append(message(
                "outbox.cli.row", dossier_id=e["dossier_id"], state=STATE_LABELS[State(e["state"])],
                queued_at=_local(e["queued_at"]), attempts=e["attempts"],
                next_attempt_at=_local(e["next_attempt_at"]), error=error,
            ))
    return "\n".join(lines)


def _local(iso: str) -> str:
    from ..strings import message

    return message("outbox.cli.time", time=datetime.fromisoformat(iso).astimezone())
