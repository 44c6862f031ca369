"""`cert-server stamp issue --amount 86 [--purchased YYYY-MM-DD] --data-dir DIR`: sell a new electronic fee
stamp, as the tax office's shop would, and print its 16-digit number (for demos and tests). The service
may be running: both write the same SQLite file."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path


def _amount_cents(text: str) -> int:
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError("the amount is in euros, e.g. 86 or 42.50") from exc
    cents = amount * 100
    if not amount.is_finite() or cents != cents.to_integral_value() or not 0 < cents <= 100_000_00:
        raise argparse.ArgumentTypeError("the amount is in euros, positive, with at most 2 decimals")
    return int(cents)


def _purchased(text: str) -> datetime:
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError as exc:
        raise argparse.ArgumentTypeError("the purchase date is YYYY-MM-DD") from exc
    return day.replace(tzinfo=UTC)


def _issue(args: argparse.Namespace) -> int:
    from .lookups.db import LookupDb
    from .lookups.fee_stamp import FeeStamps

    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = LookupDb(data_dir)
    try:
        record = FeeStamps(db).issue(args.amount, args.purchased or datetime.now(UTC).replace(microsecond=0))
    finally:
        db.close()
    print(record.number)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    st = sub.add_parser("stamp", help="electronic fee stamps").add_subparsers(dest="action", required=True)
    issue = st.add_parser("issue", help="sell a new fee stamp; prints its number")
    issue.add_argument("--amount", required=True, type=_amount_cents, help="in euros, e.g. 86 or 42.50")
    issue.add_argument("--purchased", type=_purchased, help="purchase date YYYY-MM-DD (default: now)")
    issue.add_argument("--data-dir", required=True)
    issue.set_defaults(func=_issue)
