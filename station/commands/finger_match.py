"""`station finger-match A B [--json]`: Bozorth3 score of two fingerprint images and the station's
same-finger decision, for technicians and for tuning the threshold."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from enrollment.fingerprint.matching import match_images
    from enrollment.fingerprint.thresholds import THRESHOLDS

    from ..strings import message
    from ._image_file import error_entry
    from .finger_quality import read_finger

    threshold = THRESHOLDS.same_finger_score if args.threshold is None else args.threshold
    prints, errors = [], []
    for name in (args.a, args.b):  # both files judged, so that one run names every bad one
        try:
            prints.append(read_finger(Path(name)))
        except Exception as exc:
            errors.append({"file": name, **error_entry(exc)})
    if not errors:
        try:
            result = match_images(prints[0].pixels, prints[1].pixels, prints[0].ppi, prints[1].ppi, threshold)
        except Exception as exc:
            errors.append({"file": None, **error_entry(exc)})
    if errors:
        if args.json:
            print(json.dumps({"a": args.a, "b": args.b, "error": errors[0]["error"],
                              "message": errors[0]["message"], "errors": errors}, ensure_ascii=False))
        else:
            for e in errors:
                where = f"{e['file']} : " if e["file"] else ""
                print(message("finger_match.impossible", where=where, message=e["message"]))
        return 2
    decision = "same_finger" if result.same_finger else "different_fingers"
    if args.json:
        print(json.dumps({"a": args.a, "b": args.b, "score": result.score, "threshold": result.threshold,
                          "decision": decision}, ensure_ascii=False))
    else:
        verdict = message("finger_match.same" if result.same_finger else "finger_match.different")
        print(message("finger_match.result", score=result.score, threshold=result.threshold, verdict=verdict))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("finger-match", help="Bozorth3 score of two prints and the same-finger decision")
    p.add_argument("a", metavar="A", help="first fingerprint image")
    p.add_argument("b", metavar="B", help="second fingerprint image")
    p.add_argument("--threshold", type=int, default=None, help="same-finger threshold (default: the station's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)
