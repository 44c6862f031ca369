"""`hw-mocks barcode ...`: scan a code on the simulated barcode reader.

    hw-mocks barcode scan TEXT [--symbology QR] [--port]
"""

from __future__ import annotations

import argparse
from typing import Any

from hw_mocks.client import call


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    barcode = sub.add_parser("barcode", help="scan a barcode").add_subparsers(dest="action", required=True)
    scan = barcode.add_parser("scan", parents=[port], help="present this code to the reader")
    scan.add_argument("text")
    scan.add_argument("--symbology", default="QR")


def run(args: argparse.Namespace) -> None:
    call("barcode", "scan", {"text": args.text, "symbology": args.symbology}, port=args.port)
    print("scanned")
