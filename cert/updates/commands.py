"""`cert-server release …`: the operator's side of signed station updates (docs/updates.md).

  cert-server release init --data-dir DIR
  cert-server release publish ARCHIVE --version V [--percent P | --stations ID,ID] [--grace-days D] --data-dir DIR
  cert-server release list --data-dir DIR
  cert-server release rollout V --percent P --data-dir DIR
  cert-server release refresh --data-dir DIR        (re-sign the timestamp: run daily from a timer)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .repository import DEFAULT_GRACE_DAYS, ReleaseError, UpdateRepository


def _repo(args: argparse.Namespace) -> UpdateRepository:
    return UpdateRepository(Path(args.data_dir))


def _init(args: argparse.Namespace) -> int:
    root = _repo(args).init()
    print(f"update repository made; stations trust {root}")
    print("move keys/root-*.key offline: they are needed only to change the repository's keys")
    return 0


def _publish(args: argparse.Namespace) -> int:
    stations = tuple(s.strip() for s in args.stations.split(",") if s.strip()) if args.stations else ()
    percent = args.percent if args.percent is not None else (0 if stations else 100)
    r = _repo(args).publish(Path(args.archive), args.version, percent, stations, args.grace_days)
    print(f"published {r.name} ({r.length} bytes, sha256 {r.sha256}) to {r.percent}% "
          f"{'+ ' + ','.join(r.stations) + ' ' if r.stations else ''}until {r.mandatory_after}")
    return 0


def _list(args: argparse.Namespace) -> int:
    releases = _repo(args).releases()
    print(f"{'version':<10} {'percent':>7} {'published_at':<26} {'mandatory_after':<26} stations")
    for r in releases:
        print(f"{r.version:<10} {r.percent:>7} {r.published_at:<26} {r.mandatory_after:<26} "
              f"{','.join(r.stations) or '-'}")
    print(f"{len(releases)} release(s)")
    return 0


def _rollout(args: argparse.Namespace) -> int:
    for r in _repo(args).rollout(args.version, args.percent):
        print(f"{r.name} now offered to {r.percent}%")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    print(f"timestamp version {_repo(args).refresh_timestamp()} signed")
    return 0


def _guarded(func):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except ReleaseError as exc:
            print(f"release: {exc}", file=sys.stderr)
            return 1
    return run


def register(sub: argparse._SubParsersAction) -> None:
    rel = sub.add_parser("release", help="signed station updates (TUF repository)").add_subparsers(
        dest="action", required=True)

    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
        p = rel.add_parser(name, help=help_text)
        p.add_argument("--data-dir", required=True, help="the CERT's data folder (updates/ inside)")
        p.set_defaults(func=_guarded(func))
        return p

    add("init", _init, "make the repository's keys and first metadata")
    pub = add("publish", _publish, "sign and publish a release archive")
    pub.add_argument("archive", help="recueil-station-<version>-linux-<arch>.tar.gz")
    pub.add_argument("--version", required=True)
    who = pub.add_mutually_exclusive_group()
    who.add_argument("--percent", type=int, help="share of stations offered the release before its mandatory date")
    who.add_argument("--stations", help="comma-separated station ids offered the release before its mandatory date")
    pub.add_argument("--grace-days", type=int, default=DEFAULT_GRACE_DAYS,
                     help=f"days after which every station must install it (default {DEFAULT_GRACE_DAYS})")
    add("list", _list, "the published releases and their rollout")
    roll = add("rollout", _rollout, "change a release's rollout percentage")
    roll.add_argument("version")
    roll.add_argument("--percent", type=int, required=True)
    add("refresh", _refresh, "re-sign the timestamp (daily)")
