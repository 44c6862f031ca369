"""`hw-mocks pad ...`: play the applicant at the emulated signature pad from a terminal.

    hw-mocks pad sign [--seed N] [--gesture G] [--no-ok] | fault no-data|garbage|unplug
    hw-mocks pad plug | unplug | state | auto on|off
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hw_mocks.client import call
from hw_mocks.signature_pad.pad import FAULTS, GESTURES


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    """hw-mocks pad sign [--seed N] [--gesture G] [--no-ok] | fault no-data|garbage|unplug | plug | unplug
    | auto on|off | state"""
    pad = sub.add_parser("pad", help="the applicant at the signature pad").add_subparsers(dest="action",
                                                                                         required=True)
    sign = pad.add_parser("sign", parents=[port], help="sign at the current or next capture")
    sign.add_argument("--seed", type=int, default=None, help="the simulated person (same seed, same signature)")
    sign.add_argument("--gesture", choices=GESTURES, default="signature")
    sign.add_argument("--no-ok", action="store_true", help="do not tap OK at the end")
    fault = pad.add_parser("fault", parents=[port], help="break the next capture")
    fault.add_argument("fault", choices=FAULTS)
    auto = pad.add_parser("auto", parents=[port], help="sign by itself at every capture (the default)")
    auto.add_argument("on", choices=("on", "off"))
    for name, text in (("plug", "plug the pad back"), ("unplug", "pull the pad's cable"),
                       ("state", "plugged, reporting, prompt shown")):
        pad.add_parser(name, parents=[port], help=text)


def run(args: argparse.Namespace) -> None:
    port = args.port
    if args.action == "sign":
        r = call("signature_pad", "sign", {"seed": args.seed, "gesture": args.gesture, "ok": not args.no_ok},
                 port=port)
        print(f"{args.gesture} of person {r['seed']} queued")
    elif args.action == "fault":
        call("signature_pad", "fault", {"fault": args.fault}, port=port)
        print(f"next capture: {args.fault}")
    elif args.action == "auto":
        print(call("signature_pad", "auto", {"on": args.on == "on"}, port=port))
    else:
        print(json.dumps(call("signature_pad", args.action, port=port)))
