"""`cert-server reference`: publish and list the reference lists stations fetch (docs/reference-data.md).

  cert-server reference publish NAME FILE --data-dir DIR --pki DIR [--max-age-days 30] [--media-type TYPE]
  cert-server reference list --data-dir DIR

`publish` signs FILE's bytes as the next version of NAME with the reference-data key (<pki>/cert-reference.key)
and prints "NAME version N". The service may be running: it reads the files at each request."""

from __future__ import annotations

import argparse
from pathlib import Path

MEDIA_TYPES = {".json": "application/json", ".gz": "application/gzip", ".csv": "text/csv"}


def _publish(args: argparse.Namespace) -> int:
    from .reference_data import ReferenceStore

    source, pki = Path(args.file), Path(args.pki)
    media_type = args.media_type or MEDIA_TYPES.get(source.suffix, "application/octet-stream")
    try:
        got = ReferenceStore(Path(args.data_dir)).publish(
            args.name, source.read_bytes(), media_type, args.max_age_days, pki / "cert-reference.key",
            pki / "cert-reference.pem")
    except (OSError, ValueError) as exc:
        print(f"not published: {exc}")
        return 1
    print(f"{got.name} version {got.version}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from .reference_data import ReferenceStore

    sets = ReferenceStore(Path(args.data_dir)).all()
    print(f"{'name':<16} {'version':>7} {'issued_at':<26} {'max_age_days':>12} sha256")
    for e in sets:
        print(f"{e.name:<16} {e.version:>7} {e.issued_at:<26} {e.max_age_days:>12} {e.sha256}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    ref = sub.add_parser("reference", help="reference lists for stations (fee table, communes, trust lists)")
    actions = ref.add_subparsers(dest="action", required=True)
    pub = actions.add_parser("publish", help="sign FILE as the next version of list NAME")
    pub.add_argument("name", help="rules, communes, twoddoc-trust…")
    pub.add_argument("file", help="the list's content (JSON for rules and twoddoc-trust, .csv.gz for communes)")
    pub.add_argument("--data-dir", required=True)
    pub.add_argument("--pki", required=True, help="folder holding cert-reference.key/.pem")
    pub.add_argument("--max-age-days", type=int, default=30,
                     help="days after publication a station may still enroll with it (default 30)")
    pub.add_argument("--media-type", help="default: from FILE's extension")
    pub.set_defaults(func=_publish)
    lst = actions.add_parser("list", help="the lists published, their versions and digests")
    lst.add_argument("--data-dir", required=True)
    lst.set_defaults(func=_list)
