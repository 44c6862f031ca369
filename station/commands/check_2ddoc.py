"""`station check-2ddoc FILE... [--json] [--trust LIST] [--max-age-days N]`: the 2D-Doc verdict on scanned
proofs of address (images) or on a code's text (a text file), for technicians.

One verdict per file, in the order given: valid, invalid_signature, unknown_issuer, expired or not_2ddoc,
with what the code says when it says something. Without --trust, the station's configuration names the
trust list (the installed one, else the embedded one) and the age limit; with --trust, no configuration
is read and the age limit is --max-age-days (365 by default). Exit 0 when every file is valid, 1 when
one is not, 2 when a file cannot be read."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..strings import label

if TYPE_CHECKING:
    from enrollment.documents.twoddoc import TrustList, TwoDDocVerdict

# A code's text is a few hundred characters; a text file much larger is not one.
MAX_TEXT_BYTES = 64 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check-2ddoc", help="verify the 2D-Doc of proofs of address (images or code text)")
    p.add_argument("files", nargs="+", metavar="FILE", help="scanned pages (PNG, JPEG…) or text files")
    p.add_argument("--json", action="store_true", help="one JSON document with every verdict")
    p.add_argument("--trust", metavar="LIST", help="a trust list file (default: the station's)")
    p.add_argument("--max-age-days", type=int, help="age limit of a proof of address (default: the station's)")
    p.set_defaults(func=run)


def _settings(args: argparse.Namespace) -> tuple[TrustList, int]:
    from enrollment.documents.twoddoc import MAX_AGE_DAYS, load_trust_list

    from .. import config as config_mod
    from ..twoddoc_trust import station_trust_list
    from ._image_file import read_bytes

    if args.trust:
        return load_trust_list(read_bytes(Path(args.trust))), args.max_age_days or MAX_AGE_DAYS
    cfg = config_mod.load(config_mod.resolve_path(args.config))
    max_age = args.max_age_days or cfg.documents.proof_of_address_max_age_days
    return station_trust_list(cfg.twoddoc_trust_path), max_age


def _content(path: Path) -> Any:
    """The file as a grey image array when it is an image, else its text (a code's content; the control
    characters may be spelt as barcode readers print them: <GS>, <RS>, <US>)."""
    import numpy as np

    from ..errors import StationError
    from ._image_file import read_bytes, read_image

    data = read_bytes(path)
    try:
        return np.asarray(read_image(path).image.convert("L"))
    except StationError as exc:
        if exc.code != "image_file.not_image" or len(data) > MAX_TEXT_BYTES:
            raise
    for spelt, char in ((b"<GS>", b"\x1d"), (b"<RS>", b"\x1e"), (b"<US>", b"\x1f")):
        data = data.replace(spelt, char)
    return data.strip(b"\r\n")


def check_file(path: Path, trust: TrustList, today: date, max_age_days: int) -> dict[str, Any]:
    """{file, ok, verdict, ...} for one file, or {file, ok: false, error: {code, message}}."""
    from enrollment.documents.twoddoc import verify_2ddoc

    from ._image_file import error_entry

    try:
        verdict: TwoDDocVerdict = verify_2ddoc(_content(path), trust, today, max_age_days)
    except Exception as exc:
        entry = error_entry(exc)
        return {"file": str(path), "ok": False, "error": {"code": entry["error"], "message": entry["message"]}}
    return {"file": str(path), "ok": verdict.ok, **verdict.to_dict()}


def format_verdict(v: dict[str, Any]) -> str:
    if "error" in v:
        return f"{v['file']} : {label('twoddoc.unreadable')}\n  {v['error']['message']}"
    lines = [f"{v['file']} : {label('twoddoc.verdict.' + v['verdict'])}", f"  {v['message']}"]
    if v["reason"]:
        lines.append("  " + label("twoddoc.reason." + v["reason"]))
    f = v["fields"]
    if f:
        h = f["holder"]
        lines.append("  " + label("twoddoc.document", issuer=v["issuer"], type=f["doc_type"],
                                  emission=f["emission"] or "—", signed=f["signed"] or "—"))
        lines.append("  " + label("twoddoc.holder", name=h["name"] or "—"))
        address = ", ".join([*h["address_lines"], f"{h['postcode']} {h['commune']}".strip(), h["country"]])
        lines.append("  " + label("twoddoc.address", address=address.strip(", ") or "—"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from enrollment.errors import EnrollmentError

    try:
        trust, max_age = _settings(args)
    except EnrollmentError as exc:  # the trust list does not load: nothing can be judged
        print(exc.message, file=sys.stderr)
        return 2
    today = date.today()
    verdicts = [check_file(Path(f), trust, today, max_age) for f in args.files]
    if args.json:
        print(json.dumps(verdicts, ensure_ascii=False, indent=2))
    else:
        print("\n".join(format_verdict(v) for v in verdicts))
    if any("error" in v for v in verdicts):
        return 2
    return 0 if all(v["ok"] for v in verdicts) else 1
