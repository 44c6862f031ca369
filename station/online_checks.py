"""The online checks made at the counter, as the application records them (no Qt): the fee stamp of each
title and the birth data against COMEDEC, asked of the CERT (sync/online_checks/) and written into the
draft (enrollment/checks.py), so that the documents list, the summary and the sealing follow the answers.

A check the CERT could not answer leaves the draft flagged "to verify"; `check_before_sealing` asks again
and the sealing goes on only with what the answers then require (a birth certificate, another stamp)."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from enrollment.checks import BirthCheck, BirthCheckResult, StampCheck
from enrollment.fees import fee_due
from enrollment.model import Dossier, TitleRequest
from enrollment.model_base import now_utc
from enrollment.rules import DEFAULT_RULES, Rules
from sync.lookups import BirthData

if TYPE_CHECKING:
    from sync.online_checks.comedec import BirthVerdict
    from sync.online_checks.fee_stamp import StampVerdict
    from sync.transport import CertClient

log = logging.getLogger(__name__)

_BIRTH = {"confirmed": BirthCheck.CONFIRMED, "not_found": BirthCheck.NOT_FOUND,
          "not_connected": BirthCheck.NOT_CONNECTED, "unreachable": BirthCheck.TO_VERIFY}
_OUTCOME = {status: outcome for outcome, status in _BIRTH.items()}
UNSETTLED_BIRTH = (BirthCheck.UNCHECKED, BirthCheck.TO_VERIFY)


def birth_data(d: Dossier) -> BirthData | None:
    """What COMEDEC compares, once the civil status has it (a birth abroad is not in COMEDEC: None)."""
    c = d.civil
    if not (c.surname and c.given_names and c.sex and c.birth_date) or c.birth_country.upper() != "FRANCE":
        return None
    if not (c.birth_insee or c.birth_place):
        return None
    return BirthData(surname=c.surname, given_names=c.given_names, sex=c.sex.value, birth_date=c.birth_date,
                     birth_commune_insee=c.birth_insee or None, birth_commune=None if c.birth_insee else c.birth_place)


def record_birth(d: Dossier, checked: BirthData, verdict: BirthVerdict) -> bool:
    """Write the verdict into the draft if its civil status is still the one checked; whether it was."""
    if birth_data(d) != checked:
        return False  # the agent changed the civil status meanwhile: this answer is about other data
    d.birth_check.status = _BIRTH[verdict.outcome]
    d.birth_check.differing = list(verdict.fields)
    d.birth_check.checked_at = now_utc()
    return True


def birth_check_text(result: BirthCheckResult) -> str:
    """What COMEDEC's answer kept with a draft says to the agent ("" while it was not asked)."""
    from sync.online_checks.comedec import verdict_message

    outcome = _OUTCOME.get(result.status)
    return "" if outcome is None else verdict_message(outcome, result.differing)


def record_stamp(r: TitleRequest, number: str, verdict: StampVerdict) -> bool:
    """Write the verdict into the request if its stamp is still the one checked; whether it was."""
    if r.fee_stamp != number:
        return False
    r.stamp_check.status = (StampCheck.VALID if verdict.outcome == "valid" else
                            StampCheck.TO_VERIFY if verdict.to_verify else StampCheck.REFUSED)
    r.stamp_check.reason = "" if verdict.outcome == "valid" else verdict.outcome
    r.stamp_check.amount_eur = str(verdict.amount) if verdict.amount is not None else ""
    r.stamp_check.checked_at = now_utc()
    return True


def stamps_to_check(d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> list[TitleRequest]:
    """The requests that owe a fee and whose typed stamp the CERT has not settled yet."""
    c = d.civil
    return [r for r in d.requests if r.title and r.reason and c.birth_date and r.fee_stamp
            and fee_due(r.title, r.reason, c.birth_date, today, rules) > 0
            and r.stamp_check.status in (StampCheck.UNCHECKED, StampCheck.TO_VERIFY)]


def check_before_sealing(client: CertClient, d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> bool:
    """Ask again what is unsettled (the birth data, the stamps); whether an answer was written."""
    from sync.online_checks.comedec import recheck_birth
    from sync.online_checks.fee_stamp import check_dossier_stamp

    written = False
    data = birth_data(d)
    if data is not None and d.birth_check.status in UNSETTLED_BIRTH:
        written |= record_birth(d, data, recheck_birth(client, data))
    for r in stamps_to_check(d, today, rules):
        written |= record_stamp(r, r.fee_stamp, check_dossier_stamp(client, d, today, r, rules))
    log.info("online checks before sealing", extra={"event": "check.before_sealing", "dossier_id": d.id,
                                                    "code": d.birth_check.status.value})
    return written
