"""What an application costs, from the title, the reason and the applicant's age."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .ages import age_on
from .model import Reason, TitleType
from .rules import DEFAULT_RULES, Rules


def fee_due(title: TitleType, reason: Reason, birth: date, today: date, rules: Rules = DEFAULT_RULES) -> Decimal:
    if title is TitleType.CNI:
        return rules.cni_fee_loss_or_theft if reason in (Reason.LOSS, Reason.THEFT) else Decimal("0")
    age = age_on(birth, today)
    if age >= rules.passport_adult_age:
        return rules.passport_fee_adult
    if age >= rules.passport_teen_age:
        return rules.passport_fee_15_17
    return rules.passport_fee_under_15
