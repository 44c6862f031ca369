"""`station finger-verify --enrolled A B --presented A1 B1 [--presented A2 B2] [--presented A3 B3] [--json]`:
the 1:1 decision of the title hand-over (enrollment/fingerprint/verification.py) on image files, for
technicians and for measuring it. Exit 0 on a match, 1 on no match, 2 when the files or their number are
refused (in French)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _decide(args: argparse.Namespace) -> dict[str, Any]:
    from enrollment.fingerprint.verification import check_inputs, templates_of, verify

    from .finger_quality import read_finger

    presented = args.presented or []
    check_inputs([[name] for name in args.enrolled], presented)  # counts refused before any file is read
    # Each file keeps its own declared resolution, so each print is extracted on its own.
    enrolled = [[templates_of([f.pixels], f.ppi)[0]] for f in map(read_finger, map(Path, args.enrolled))]
    probes = [[templates_of([f.pixels], f.ppi)[0] for f in map(read_finger, map(Path, names))] for names in presented]
    result = verify(enrolled, probes, args.threshold)
    return {"decision": "match" if result.matched else "no_match", "scores": [list(s) for s in result.scores],
            "fused": list(result.fused), "fused_score": result.fused_score, "threshold": result.threshold,
            "fingers": result.fingers, "presentations_used": result.presentations_used}


def run(args: argparse.Namespace) -> int:
    from ..strings import message
    from ._image_file import error_entry

    try:
        r = _decide(args)
    except Exception as exc:
        e = {"file": getattr(exc, "detail", "") or None, **error_entry(exc)}  # StationError names the file
        if args.json:
            print(json.dumps(e, ensure_ascii=False))
        else:
            where = f"{e['file']} : " if e["file"] else ""
            print(message("finger_verify.impossible", where=where, message=e["message"]))
        return 2
    if args.json:
        print(json.dumps(r, ensure_ascii=False))
    else:
        scores = " ; ".join(" + ".join(map(str, s)) + f" = {f}" for s, f in zip(r["scores"], r["fused"], strict=True))
        verdict = message("finger_verify.match" if r["decision"] == "match" else "finger_verify.no_match")
        print(message("finger_verify.result", scores=scores, threshold=r["threshold"], verdict=verdict))
    return 0 if r["decision"] == "match" else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("finger-verify", help="1:1 decision at title hand-over (two fingers, up to three "
                                                    "presentations)")
    p.add_argument("--enrolled", nargs="+", required=True, metavar="FILE",
                   help="enrolled prints, one per finger (two, or one when the other finger was impossible)")
    p.add_argument("--presented", nargs="+", action="append", metavar="FILE",
                   help="one presentation: the same fingers in the same order (repeat, at most three times)")
    p.add_argument("--threshold", type=int, default=None, help="fused threshold (default: the station's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)
