"""`hw-mocks printer ...`: what the simulated network printer received, or switch it off and on.

    hw-mocks printer jobs                 how many jobs arrived, and the file of the last one
    hw-mocks printer offline|online       the printer stops answering, or answers again
"""

from __future__ import annotations

import argparse
from typing import Any

from hw_mocks.client import call


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    printer = sub.add_parser("printer", help="the network printer").add_subparsers(dest="action", required=True)
    for action, text in (("jobs", "jobs received"), ("offline", "switch the printer off"),
                         ("online", "switch it back on")):
        printer.add_parser(action, parents=[port], help=text)


def run(args: argparse.Namespace) -> None:
    got = call("printer", args.action, {}, port=args.port)
    if args.action == "jobs":
        print(f"{got['count']} job(s); last: {got['last'] or '-'}")
    else:
        print("printer online" if got["online"] else "printer offline")
