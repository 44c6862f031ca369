"""`station finger-quality FILE... [--json]`: NFIQ 2 quality of fingerprint images, for technicians and for
tuning. One result per file, even when a file cannot be read (the others are still measured).

Reads PNG, BMP, TIFF, JPEG and WSQ; the resolution comes from the file (PNG pHYs, TIFF/JPEG dpi), else
500 ppi is assumed; a declared resolution outside 250-2000 ppi is refused (enrollment/fingerprint/thresholds.py)."""

from __future__ import annotations

import argparse
import json
import math
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
    """An 8-bit grey print from a file; raises StationError (the file) or EnrollmentError (the print)."""
    from ._image_file import read_image

    image = read_image(path).image
    ppi = declared_ppi(image)
    try:
        pixels = np.asarray(image.convert("L")).copy()
    except (OSError, ValueError) as exc:  # a mode Pillow cannot turn into grey levels
        from enrollment.errors import EnrollmentError
        from enrollment.strings import message

        raise EnrollmentError("fingerprint.bad_image", message("fingerprint.bad_image")) from exc
    return FingerFile(pixels=pixels, ppi=ppi)


def declared_ppi(image: Any) -> int:
    """The resolution the file declares, else 500 ppi; a zero or absurd one is refused, not guessed: the
    print's quality and minutiae are judged at 500 ppi, so a wrong figure would give a wrong verdict."""
    from enrollment.errors import EnrollmentError
    from enrollment.fingerprint.thresholds import THRESHOLDS
    from enrollment.strings import message

    dpi = image.info.get("dpi")
    if dpi is None and 282 in getattr(image, "tag_v2", {}):
        dpi = (image.tag_v2[282],)  # TIFF XResolution that Pillow left out of "dpi" (it does so for 0)
    if dpi is None:
        return DEFAULT_PPI
    try:
        value = float(dpi[0])
    except (TypeError, ValueError, ZeroDivisionError, IndexError):
        value = 0.0  # an unreadable rational (n/0) declares no usable resolution either
    if not (math.isfinite(value) and THRESHOLDS.min_ppi <= value <= THRESHOLDS.max_ppi):
        raise EnrollmentError("fingerprint.bad_resolution", message(
            "fingerprint.bad_resolution", ppi=f"{value:g}", low=THRESHOLDS.min_ppi, high=THRESHOLDS.max_ppi))
    return round(value)


def _measure(path: Path, min_quality: int) -> dict[str, Any]:
    from enrollment.fingerprint.quality import assess

    from ._image_file import error_entry

    try:
        f = read_finger(path)
        r = assess(f.pixels, f.ppi, min_quality)
    except Exception as exc:
        return {"file": str(path), **error_entry(exc)}
    return {
        "file": str(path), "quality": r.score, "scored": r.scored, "accepted": r.accepted,
        "minimum": min_quality, "minutiae": r.minutiae, "ppi": f.ppi,
        "measures": {k: round(v, 2) for k, v in r.measures.items()},
        "issues": [i.value for i in r.issues], "instruction": r.text,
    }


def _line(r: dict[str, Any]) -> str:
    from ..strings import message

    if "error" in r:
        return message("finger_quality.unreadable", file=r["file"], error=r["error"], message=r["message"])
    verdict = message("finger_quality.accepted" if r["accepted"] else "finger_quality.insufficient")
    scored = "" if r["scored"] else message("finger_quality.not_scored")
    issues = ", ".join(r["issues"]) or message("finger_quality.no_issue")
    return message("finger_quality.line", file=r["file"], quality=r["quality"], scored=scored, verdict=verdict,
                   minimum=r["minimum"], minutiae=r["minutiae"], issues=issues, instruction=r["instruction"])


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
