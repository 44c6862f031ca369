"""`station finger-match A B [--json]`: Bozorth3 score of two fingerprint images and the station's
same-finger decision, for technicians and for tuning the threshold."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from enrollment.errors import EnrollmentError
    from enrollment.fingerprint.matching import match_images
    from enrollment.fingerprint.thresholds import THRESHOLDS

    from .finger_quality import read_finger

    threshold = THRESHOLDS.same_finger_score if args.threshold is None else args.threshold
    try:
        a, b = read_finger(Path(args.a)), read_finger(Path(args.b))
        result = match_images(a.pixels, b.pixels, a.ppi, b.ppi, threshold)
    except EnrollmentError as exc:
        out = {"a": args.a, "b": args.b, "error": exc.code, "message": exc.message}
        print(json.dumps(out, ensure_ascii=False) if args.json else f"Comparaison impossible : {exc.message}")
        return 2
    decision = "same_finger" if result.same_finger else "different_fingers"
    if args.json:
        print(json.dumps({"a": args.a, "b": args.b, "score": result.score, "threshold": result.threshold,
                          "decision": decision}, ensure_ascii=False))
    else:
        verdict = "même doigt" if result.same_finger else "doigts différents"
        print(f"Score Bozorth3 : {result.score} (seuil {result.threshold}) : {verdict}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("finger-match", help="Bozorth3 score of two prints and the same-finger decision")
    p.add_argument("a", metavar="A", help="first fingerprint image")
    p.add_argument("b", metavar="B", help="second fingerprint image")
    p.add_argument("--threshold", type=int, default=None, help="same-finger threshold (default: the station's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)
