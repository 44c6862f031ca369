"""`station photo-check FILE... [--json]`: the face-photo checks on image files, for technicians and tuning.

One verdict per file, in the order given, even when a file cannot be read (its verdict says so). Exit code 0
when every file passes, 1 when any fails or is unreadable.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..strings import label


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("photo-check", help="run the face-photo quality checks on image files")
    p.add_argument("files", nargs="+", metavar="FILE", help="image files (JPEG, PNG…)")
    p.add_argument("--json", action="store_true", help="one JSON document with every verdict")
    p.set_defaults(func=run)


def check_file(path: Path) -> dict[str, Any]:
    """The verdict for one file: {file, ok, checks: [...]} or {file, ok: false, error: {code, message}}."""
    import cv2
    import numpy as np

    from enrollment.face import Mode, analyse

    from ._image_file import error_entry, read_image

    try:
        # Pillow reads the header and bounds the size first; OpenCV then decodes the same bytes as the
        # station always has (EXIF orientation included), so verdicts do not change for good files.
        data = read_image(path).data
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            return {"file": str(path), "ok": False, "error": {"code": "photo.unreadable",
                                                              "message": label("photo_check.unreadable")}}
        report = analyse(image, Mode.FULL)
    except Exception as exc:
        entry = error_entry(exc)
        return {"file": str(path), "ok": False, "error": {"code": entry["error"], "message": entry["message"]}}
    return {
        "file": str(path), "ok": report.passed, "duration_ms": round(report.duration_ms, 1),
        "checks": [{**c.model_dump(), "label": c.label, "instruction": c.instruction} for c in report.checks],
    }


def format_verdict(v: dict[str, Any]) -> str:
    head = f"{v['file']} : " + (label("photo_check.ok") if v["ok"] else label("photo_check.failed"))
    if "error" in v:
        return f"{head}\n  {v['error']['message']}"
    lines = [head]
    for c in v["checks"]:
        mark = "✓" if c["passed"] else "✗"
        value = "—" if c["value"] is None else f"{c['value']:g}{c['unit']}"
        line = "  " + label("photo.check_line", mark=mark, label=c["label"], value=value, limit=c["limit"] or "—")
        if not c["passed"]:
            line += f" — {c['instruction']}"
        lines.append(line)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    verdicts = [check_file(Path(f)) for f in args.files]
    if args.json:
        print(json.dumps(verdicts, ensure_ascii=False, indent=2))
    else:
        print("\n".join(format_verdict(v) for v in verdicts))
    return 0 if all(v["ok"] for v in verdicts) else 1
