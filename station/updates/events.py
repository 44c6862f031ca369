"""Update events waiting for the audit trail: installing and rolling back happen where no store is open
(a technician's command, the first seconds of a start), so they are noted in a small file of the station's
data folder and recorded in the trail when it next opens (station/audit_trail.py). Versions and codes only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from enrollment.audit import AuditEvent

if TYPE_CHECKING:
    from ..audit_trail import AuditTrail

PENDING = "audit-pending.jsonl"


def note(updates_dir: Path, event: AuditEvent, version: str, reason: str | None = None) -> None:
    updates_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with (updates_dir / PENDING).open("a", encoding="utf-8") as f:
        f.write(json.dumps({"event": event.value, "ref": version, "reason": reason}) + "\n")


def flush(updates_dir: Path, trail: AuditTrail) -> int:
    """Record the noted events in order, then forget them; returns how many."""
    path = updates_dir / PENDING
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    count = 0
    for line in lines:
        try:
            data = json.loads(line)
            trail.record(AuditEvent(data["event"]), ref=data["ref"], reason=data.get("reason"))
            count += 1
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a power failure: the rest still goes in
    path.unlink(missing_ok=True)
    return count
