"""Structured logs: one JSON object per line in a rotating file.

Privacy by construction rather than by scrubbing: a record keeps only its constant message template
(never the %-arguments, which could carry a name or a PIN), the fields of an allow-list, and for an
exception only its type and the code locations (never its message, which for a validation error may
quote the value typed)."""

from __future__ import annotations

import json
import logging
import logging.handlers
import traceback
from datetime import UTC, datetime
from pathlib import Path

# Fields a log line may carry. Each is an identifier, a state, a count or a duration: nothing that
# names or describes an applicant, and never a PIN.
ALLOWED_FIELDS = frozenset({
    "event", "dossier_id", "state", "code", "attempt", "duration_ms", "status", "count",
    "station_id", "agent_id", "role", "device", "implementation", "screen", "step", "ok",
})

LOG_FILE = "station.log"


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": str(record.msg),  # the template only; arguments are dropped on purpose
        }
        for key in ALLOWED_FIELDS & record.__dict__.keys():
            value = record.__dict__[key]
            if value is None or isinstance(value, (str, int, float, bool)):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            etype, _, tb = record.exc_info
            entry["exception"] = etype.__name__
            code = getattr(record.exc_info[1], "code", None)
            if isinstance(code, str):
                entry["error_code"] = code
            entry["where"] = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in traceback.extract_tb(tb)]
        return json.dumps(entry, ensure_ascii=False)


def configure(log_dir: Path, level: str = "INFO", max_bytes: int = 5_000_000, backups: int = 5) -> Path:
    """Route the root logger to the rotating JSON file; returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(JsonLineFormatter())
    root = logging.getLogger()
    for h in list(root.handlers):
        if isinstance(h, logging.handlers.RotatingFileHandler):
            root.removeHandler(h)
            h.close()
    root.addHandler(handler)
    root.setLevel(level)
    # Third-party libraries log request URLs and headers at DEBUG; keep them at WARNING.
    for noisy in ("urllib3", "requests", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
