"""`hw-mocks sbi ...`: drive the SBI devices (MOSIP's interface, served on the first free port from 4501).

    hw-mocks sbi info [--port]
    hw-mocks sbi status finger|slap|face Ready|Busy|"Not Ready"|"Not Registered" [--port]
    hw-mocks sbi fault finger|slap|face busy|bad_signature|broken_chain|no_finger [--count N] [--port]
    hw-mocks sbi delay finger|slap|face SECONDS [--port]
    hw-mocks sbi clear | unregistered-keys [--port]
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hw_mocks.client import call
from hw_mocks.sbi.control import FAULTS, NAMES
from hw_mocks.sbi.device import STATUSES


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    sbi = sub.add_parser("sbi", help="the SBI devices (MOSIP)").add_subparsers(dest="action", required=True)
    sbi.add_parser("info", parents=[port], help="port, statuses, faults and capture counts")
    status = sbi.add_parser("status", parents=[port], help="set a device's status")
    status.add_argument("device", choices=sorted(NAMES))
    status.add_argument("status", choices=STATUSES)
    fault = sbi.add_parser("fault", parents=[port], help="break a device's next captures")
    fault.add_argument("device", choices=sorted(NAMES))
    fault.add_argument("fault", choices=FAULTS)
    fault.add_argument("--count", type=int, default=1)
    delay = sbi.add_parser("delay", parents=[port], help="answer captures this much later")
    delay.add_argument("device", choices=sorted(NAMES))
    delay.add_argument("seconds", type=float)
    sbi.add_parser("clear", parents=[port], help="every device ready, no fault, trusted keys")
    sbi.add_parser("unregistered-keys", parents=[port], help="sign with a key no trusted provider issued")


def run(args: argparse.Namespace) -> None:
    action = args.action
    payload: dict[str, Any] = {}
    if action == "status":
        payload = {"device": args.device, "status": args.status}
    elif action == "fault":
        payload = {"device": args.device, "fault": args.fault, "count": args.count}
    elif action == "delay":
        payload = {"device": args.device, "seconds": args.seconds}
    op = "unregistered_keys" if action == "unregistered-keys" else action
    print(json.dumps(call("sbi", op, payload, port=args.port), indent=2, ensure_ascii=False))
