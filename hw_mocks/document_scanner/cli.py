"""`hw-mocks scanner ...`: put paper in the simulated document scanner, or make it fail.

    hw-mocks scanner feeder [--pages 2]          pages of the drawn invoice in the feeder (0 empties it)
    hw-mocks scanner fault jam|busy|clear        the feeder jams, the scanner is busy, or all is well again
"""

from __future__ import annotations

import argparse
from typing import Any

from hw_mocks.client import call


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    scanner = sub.add_parser("scanner", help="the document scanner's paper and faults").add_subparsers(
        dest="action", required=True)
    feeder = scanner.add_parser("feeder", parents=[port], help="load pages into the document feeder")
    feeder.add_argument("--pages", type=int, default=2)
    fault = scanner.add_parser("fault", parents=[port], help="make the scanner fail, or clear it")
    fault.add_argument("fault", choices=["jam", "busy", "clear"])


def run(args: argparse.Namespace) -> None:
    if args.action == "feeder":
        got = call("document_scanner", "feeder", {"pages": args.pages}, port=args.port)
        print(f"{got['pages']} page(s) in the feeder")
    else:
        got = call("document_scanner", "fault", {"fault": args.fault}, port=args.port)
        print(f"scanner {got['state']}, feeder {got['adf']}")
