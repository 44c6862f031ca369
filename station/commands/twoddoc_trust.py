"""`station twoddoc-trust refresh FILE`: install a new 2D-Doc trust list on this station, after checking
it (format, and every signing certificate signed by its listed authority); `station twoddoc-trust show`
says which list the station believes; `station twoddoc-trust build TSL.xml [CERT...] --out FILE` makes one
from the ANTS's TSL and the authorities' signing certificates (enrollment/documents/twoddoc/tsl.py). The
list is never fetched at the counter: docs/2d-doc.md tells where a technician gets one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..strings import label


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("twoddoc-trust", help="show or install the 2D-Doc trust list")
    sub = p.add_subparsers(dest="action", required=True)
    r = sub.add_parser("refresh", help="check a trust list file and install it")
    r.add_argument("file", metavar="FILE", help="the trust list (JSON, docs/2d-doc.md)")
    r.set_defaults(func=run_refresh)
    s = sub.add_parser("show", help="the trust list the station uses")
    s.set_defaults(func=run_show)
    b = sub.add_parser("build", help="make a trust list from the ANTS TSL and signing certificates")
    b.add_argument("tsl", metavar="TSL.xml", help="the ANTS 2D-Doc trust service status list")
    b.add_argument("certificates", metavar="CERT", nargs="*", help="signing certificates (PEM or DER)")
    b.add_argument("--out", required=True, metavar="FILE", help="where to write the trust list (JSON)")
    b.set_defaults(func=run_build)


def run_build(args: argparse.Namespace) -> int:
    from enrollment.documents.twoddoc.tsl import build
    from enrollment.errors import EnrollmentError

    from ._image_file import read_bytes

    tsl = Path(args.tsl)
    try:
        built = build(read_bytes(tsl), {Path(c).name: read_bytes(Path(c)) for c in args.certificates},
                      source=f"ANTS 2D-Doc TSL {tsl.name}; signing certificates: "
                             + (", ".join(Path(c).name for c in args.certificates) or "none"))
    except EnrollmentError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    for name, reason in built.set_aside:
        print(label("twoddoc_trust.set_aside", file=name, reason=label(f"twoddoc_trust.reason.{reason}")),
              file=sys.stderr)
    out = Path(args.out)
    try:
        out.write_bytes(built.data)
    except OSError:
        print(label("twoddoc_trust.write_failed", path=out), file=sys.stderr)
        return 2
    print(label("twoddoc_trust.built", path=out, authorities=len(built.trust.authorities),
                certificates=len(built.trust.certificates)))
    return 0 if not built.set_aside else 1


def run_refresh(args: argparse.Namespace) -> int:
    from enrollment.errors import EnrollmentError

    from .. import config as config_mod
    from ..twoddoc_trust import install
    from ._image_file import read_bytes

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    data = read_bytes(Path(args.file))
    try:
        trust = install(data, cfg.twoddoc_trust_path)
    except EnrollmentError as exc:  # not a sound list: the one in place stays
        print(exc.message, file=sys.stderr)
        return 1
    except OSError:  # the data folder refuses the file
        print(label("twoddoc_trust.write_failed", path=cfg.twoddoc_trust_path), file=sys.stderr)
        return 2
    print(label("twoddoc_trust.installed", path=cfg.twoddoc_trust_path, authorities=len(trust.authorities),
                certificates=len(trust.certificates), source=trust.source))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from .. import config as config_mod
    from ..twoddoc_trust import station_trust_list

    cfg = config_mod.load(config_mod.resolve_path(args.config))
    path = cfg.twoddoc_trust_path
    trust = station_trust_list(path)
    where = str(path) if path.exists() else label("twoddoc_trust.embedded")
    print(label("twoddoc_trust.current", where=where, issued=trust.issued, authorities=len(trust.authorities),
                certificates=len(trust.certificates), source=trust.source))
    return 0
