"""The fee stamp at the counter: is this stamp good for this dossier, and if so hold it for it.

One call, `check_stamp`: the stamp is read (amount, purchase date, status), judged against what the dossier
owes (`enrollment.fees.fee_due`, computed by the caller or by `check_dossier_stamp`), then reserved at the
CERT for the dossier so that no other counter can take it before the package arrives and consumes it
(docs/cert-api.md, "Fee stamps"). Asking again for the same dossier gives the same answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from enrollment.fees import fee_due
from enrollment.model import Dossier, TitleRequest
from enrollment.rules import DEFAULT_RULES, Rules
from enrollment.workflow import title_dossier_id

from ..errors import SyncError
from ..lookup_calls import call
from ..lookups import FEE_STAMP, SERVICE, FeeStamp, check_fee_stamp, normalise
from ..replies import json_object
from ..strings import message
from ..transport import CertClient
from .verdicts import NextStep, euros

log = logging.getLogger(__name__)

# Outcome -> what the agent does next; the message key is "fee_stamp.<outcome>" unless said otherwise.
NEXT = {"valid": NextStep.PROCEED, "consumed": NextStep.NEW_STAMP, "insufficient": NextStep.NEW_STAMP,
        "expired": NextStep.NEW_STAMP, "unknown": NextStep.RETYPE, "malformed": NextStep.RETYPE,
        "unreachable": NextStep.PROCEED_TO_VERIFY}
# The lookups' error codes that are outcomes here, and the message each shows.
_OUTCOMES = {"fee_stamp.malformed": "malformed", "fee_stamp.unknown": "unknown", "fee_stamp.expired": "expired",
             "fee_stamp.used": "consumed", "fee_stamp.reserved": "consumed", "lookup.unreachable": "unreachable"}


@dataclass(frozen=True)
class StampVerdict:
    outcome: str  # valid | consumed | insufficient | expired | unknown | malformed | unreachable
    message: str  # French, for the agent: what happened and what to do
    next_step: NextStep
    due: Decimal
    number: str | None = None  # normalised, once it has the right shape
    amount: Decimal | None = None  # what the stamp is worth, when the CERT said
    purchased_at: datetime | None = None
    reserved_until: datetime | None = None  # valid: until when the CERT holds it for this dossier

    @property
    def may_continue(self) -> bool:
        return self.next_step in (NextStep.PROCEED, NextStep.PROCEED_TO_VERIFY)

    @property
    def to_verify(self) -> bool:
        """Not checked: the dossier goes on flagged, to be checked again before sealing or by the CERT."""
        return self.outcome == "unreachable"


def check_stamp(client: CertClient, number: str, due: Decimal, dossier_id: str) -> StampVerdict:
    """The verdict on the stamp typed or scanned for this dossier, which owes `due`; a valid stamp is left
    reserved for the dossier. Raises SyncError only for what the counter cannot settle (station revoked,
    an unexpected refusal)."""
    try:
        number = normalise(number, FEE_STAMP, "fee_stamp.malformed")
        stamp = check_fee_stamp(client, number, dossier_id)
    except SyncError as exc:
        return _refused(exc, due, None if exc.code == "fee_stamp.malformed" else number)
    amount = Decimal(stamp.amount_cents) / 100
    if amount < due:
        return _verdict("insufficient", due, stamp, amount=euros(amount), owed=euros(due))
    try:
        reply = json_object(call(SERVICE, client, "POST", f"/v1/fee-stamps/{number}/reserve",
                                 json={"dossier_id": dossier_id}), "lookup.unreachable")
        until = reply.get("reserved_until")
        reserved = datetime.fromisoformat(until) if isinstance(until, str) else None
    except SyncError as exc:
        return _refused(exc, due, number, stamp)
    except ValueError:
        return _refused(SyncError.of("lookup.unreachable", retryable=True), due, number, stamp)
    return _verdict("valid", due, stamp, reserved_until=reserved, amount=euros(amount))


def check_dossier_stamp(client: CertClient, dossier: Dossier, today: date,
                        request: TitleRequest | None = None, rules: Rules = DEFAULT_RULES) -> StampVerdict:
    """`check_stamp` for the stamp of one of the dossier's requests (the first by default), owing what
    `fee_due` says for its title, reason and the applicant's age, reserved for the dossier that request
    becomes once the application is split."""
    r = request or dossier.requests[0]
    n = next((i for i, one in enumerate(dossier.requests) if one is r), 0)
    if r.title is None or r.reason is None or dossier.civil.birth_date is None:
        raise ValueError("the fee due needs the title, the reason and the birth date")
    due = fee_due(r.title, r.reason, dossier.civil.birth_date, today, rules)
    return check_stamp(client, r.fee_stamp, due, title_dossier_id(dossier, n))


def _verdict(outcome: str, due: Decimal, stamp: FeeStamp | None, key: str | None = None, number: str | None = None,
             reserved_until: datetime | None = None, **fields: str) -> StampVerdict:
    log.info("fee stamp checked", extra={"event": "check.fee_stamp", "code": outcome})
    return StampVerdict(
        outcome, message(key or f"fee_stamp.{outcome}", **fields), NEXT[outcome], due,
        number=stamp.number if stamp else number, amount=Decimal(stamp.amount_cents) / 100 if stamp else None,
        purchased_at=stamp.purchased_at if stamp else None, reserved_until=reserved_until)


def _refused(exc: SyncError, due: Decimal, number: str | None, stamp: FeeStamp | None = None) -> StampVerdict:
    outcome = _OUTCOMES.get(exc.code)
    if outcome is None:
        raise exc
    return _verdict(outcome, due, stamp, key=None if outcome == "unreachable" else exc.code, number=number)
