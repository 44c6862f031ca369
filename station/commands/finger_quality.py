"""`station finger-quality FILE... [--json]`: NFIQ 2 quality of fingerprint images, for technicians and for
tuning. One result per file, even when a file cannot be read (the others are still measured).

Reads PNG, BMP, TIFF, JPEG and WSQ; the resolution comes from the file (PNG pHYs, TIFF/JPEG dpi), else
500 ppi is assumed."""

from __future__ import annotations

import argparse
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_PPI = 500


@dataclass(frozen=True)
class FingerFile:
    pixels: np.ndarray
    ppi: int


def read_finger(path: Path) -> FingerFile:
    """An 8-bit grey print from a file; raises EnrollmentError (with its French message) if unreadable."""
    from PIL import Image, UnidentifiedImageError

    from enrollment.errors import EnrollmentError
    from enrollment.fingerprint import wsq_codec  # noqa: F401  (registers WSQ with Pillow)
    from enrollment.strings import message

    try:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            dpi = image.info.get("dpi", (DEFAULT_PPI, DEFAULT_PPI))[0] or DEFAULT_PPI
            pixels = np.asarray(image.convert("L")).copy()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, IndexError) as exc:
        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image")) from exc
    return FingerFile(pixels=pixels, ppi=round(float(dpi)))


def _measure(path: Path, min_quality: int) -> dict[str, Any]:
    from enrollment.errors import EnrollmentError
    from enrollment.fingerprint.quality import assess

    try:
        f = read_finger(path)
        r = assess(f.pixels, f.ppi, min_quality)
    except EnrollmentError as exc:
        return {"file": str(path), "error": exc.code, "message": exc.message}
    return {
        "file": str(path), "quality": r.score, "scored": r.scored, "accepted": r.accepted,
        "minimum": min_quality, "minutiae": r.minutiae, "ppi": f.ppi,
        "measures": {k: round(v, 2) for k, v in r.measures.items()},
        "issues": [i.value for i in r.issues], "instruction": r.text,
    }


def _line(r: dict[str, Any]) -> str:
    if "error" in r:
        return f"{r['file']} : illisible ({r['error']}) — {r['message']}"
    verdict = "acceptée" if r["accepted"] else "insuffisante"
    scored = "" if r["scored"] else " (NFIQ 2 n'a pas pu noter l'image)"
    issues = ", ".join(r["issues"]) or "aucun"
    return (f"{r['file']} : qualité NFIQ 2 {r['quality']}/100{scored}, {verdict} (minimum {r['minimum']}) ; "
            f"{r['minutiae']} minuties ; mesures signalées : {issues} ; consigne : {r['instruction']}")


def run(args: argparse.Namespace) -> int:
    from enrollment.fingerprint.thresholds import THRESHOLDS

    minimum = THRESHOLDS.min_quality if args.min_quality is None else args.min_quality
    results = [_measure(Path(f), minimum) for f in args.files]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(_line(r))
    return 2 if any("error" in r for r in results) else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("finger-quality", help="NFIQ 2 quality, actionable measures and minutiae of prints")
    p.add_argument("files", nargs="+", metavar="FILE", help="fingerprint images (PNG, BMP, TIFF, JPEG, WSQ)")
    p.add_argument("--min-quality", type=int, default=None, help="acceptance threshold (default: the station's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)
