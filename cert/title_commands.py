"""`cert-server title produce DOSSIER_NUMBER --data-dir DIR [--mairie-name NAME]`: make the title of an
acknowledged dossier (status `sent`, cert/lookups/production.py) and print its envelope barcode, as IN
Groupe's print run and the post would. The service may be running: both write the same SQLite files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .storage import DB_NAME


def _produce(args: argparse.Namespace) -> int:
    from .lookups.production import ProductionError, produce

    data_dir = Path(args.data_dir)
    if not (data_dir / DB_NAME).exists():
        print(f"no CERT database in {data_dir}", file=sys.stderr)
        return 1
    try:
        made = produce(data_dir, args.dossier_number, mairie_name=args.mairie_name)
    except ProductionError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    # The operator's view: title number and barcode only, never the holder's name.
    print(f"{made.number} {made.barcode}{'' if made.created else ' (already produced)'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    ti = sub.add_parser("title", help="titles produced from acknowledged dossiers").add_subparsers(
        dest="action", required=True)
    produce = ti.add_parser("produce", help="produce and send the title of a dossier; prints its envelope barcode")
    produce.add_argument("dossier_number", metavar="DOSSIER_NUMBER", help="the CERT's number, e.g. 21-2026-000001")
    produce.add_argument("--data-dir", required=True)
    produce.add_argument("--mairie-name", help="the collecting mairie's name (default: from its INSEE code)")
    produce.set_defaults(func=_produce)
