"""`hw-mocks finger ...`: play the applicant at the emulated fingerprint scanner from a terminal.

    hw-mocks finger person NAME|synthetic:SEED [--missing 7 ...]
    hw-mocks finger impression [--pressure light|normal|heavy] [--dry] [--wet] [--smudge] [--partial 0.5]
                               [--rotation DEG] [--dx PX] [--dy PX] [--take N]     (no option: a clean one)
    hw-mocks finger swap-index [--off] | away [--off] | missing [POSITION ...]
    hw-mocks finger unplug | plug | corrupt-next-chunk [--count N] | unplug-mid-transfer [--after-chunks N]
    hw-mocks finger dirty-platen [--off] | state
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hw_mocks.client import call


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    finger = sub.add_parser("finger", help="the applicant at the fingerprint scanner").add_subparsers(
        dest="action", required=True)
    who = finger.add_parser("person", parents=[port], help="who stands at the counter")
    who.add_argument("name", help="camille, dominique, alex, morgan, sacha or synthetic:SEED")
    who.add_argument("--missing", nargs="*", default=[], help="amputated finger positions (1..10)")
    imp = finger.add_parser("impression", parents=[port], help="how the next fingers are pressed")
    imp.add_argument("--pressure", choices=("light", "normal", "heavy"), default="normal")
    for flag in ("dry", "wet", "smudge"):
        imp.add_argument(f"--{flag}", action="store_true")
    imp.add_argument("--partial", type=float, default=1.0, help="share of the pad touching (0.1..1)")
    imp.add_argument("--rotation", type=float, default=0.0, help="degrees, counter-clockwise")
    imp.add_argument("--dx", type=int, default=0)
    imp.add_argument("--dy", type=int, default=0)
    imp.add_argument("--take", type=int, default=0, help="data set impression 1..8 (0: the best one)")
    for name, text in (("swap-index", "present the right index for both index fingers"),
                       ("away", "nobody puts a finger down"), ("dirty-platen", "leave a latent print on the glass")):
        p = finger.add_parser(name, parents=[port], help=text)
        p.add_argument("--off", action="store_true")
    missing = finger.add_parser("missing", parents=[port], help="amputated fingers of the current person")
    missing.add_argument("positions", nargs="*")
    for name, text in (("unplug", "pull the scanner's cable"), ("plug", "plug the scanner back"),
                       ("state", "who is there and what is set")):
        finger.add_parser(name, parents=[port], help=text)
    corrupt = finger.add_parser("corrupt-next-chunk", parents=[port], help="flip a bit in the next image chunk(s)")
    corrupt.add_argument("--count", type=int, default=1)
    mid = finger.add_parser("unplug-mid-transfer", parents=[port], help="pull the cable during the next transfer")
    mid.add_argument("--after-chunks", type=int, default=3)


def run(args: argparse.Namespace) -> None:
    action: str = args.action
    op_args: dict[str, Any] = {}
    if action == "person":
        op_args = {"name": args.name, "missing": args.missing}
    elif action == "impression":
        op_args = {"pressure": args.pressure, "dry": args.dry, "wet": args.wet, "smudge": args.smudge,
                   "partial": args.partial, "rotation_deg": args.rotation, "dx": args.dx, "dy": args.dy,
                   "take": args.take}
    elif action in ("swap-index", "away", "dirty-platen"):
        op_args = {"on": not args.off}
    elif action == "missing":
        op_args = {"positions": args.positions}
    elif action == "corrupt-next-chunk":
        op_args = {"count": args.count}
    elif action == "unplug-mid-transfer":
        op_args = {"after_chunks": args.after_chunks}
    state = call("fingerprint", action.replace("-", "_"), op_args, port=args.port)
    print(json.dumps(state, ensure_ascii=False))
