"""`hw-mocks card ...`: insert the emulated agent card into the vpcd reader, or take it out.

    hw-mocks card insert NAME | remove [--port]
"""

from __future__ import annotations

import argparse
from typing import Any

from hw_mocks.client import call


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    card = sub.add_parser("card", help="insert or remove the agent card").add_subparsers(dest="action",
                                                                                         required=True)
    insert = card.add_parser("insert", parents=[port], help="insert this card (agents/NAME.pem of the PKI)")
    insert.add_argument("name")
    card.add_parser("remove", parents=[port], help="take the card out")


def run(args: argparse.Namespace) -> None:
    if args.action == "insert":
        r = call("smartcard", "insert", {"name": args.name, "wait_s": 2.0}, port=args.port)
        where = "in" if r.get("connected") else "waiting for"
        print(f"card {args.name} inserted ({where} the vpcd reader on port {r.get('vpcd_port')})")
    else:
        call("smartcard", "remove", port=args.port)
        print("card removed")
