"""Who may be exempted from signing, and the mention recorded in the dossier instead of a signature.

A child too young to write (under Rules.signature_min_age, a setting: domain.md says "in practice children
from about 12 sign", to verify) or a person unable to sign. The mention is what the CERT and the title
office read: "Dispensé de signature : ...".
"""

from __future__ import annotations

from datetime import date

from ..ages import age_on
from ..rules import DEFAULT_RULES, Rules
from ..strings import message
from .model import Signature, SignatureExemption


def too_young_to_sign(birth_date: date | None, today: date, rules: Rules = DEFAULT_RULES) -> bool:
    """True when the age rule offers the child exemption by default (unknown birth date: no)."""
    return birth_date is not None and age_on(birth_date, today) < rules.signature_min_age


def mention(reason: SignatureExemption, rules: Rules = DEFAULT_RULES) -> str:
    if reason is SignatureExemption.CHILD:
        return message("signature.mention.child", min_age=rules.signature_min_age)
    return message("signature.mention.unable")


def exempted(reason: SignatureExemption, rules: Rules = DEFAULT_RULES) -> Signature:
    return Signature(exemption=mention(reason, rules), exemption_reason=reason)


def exemption_problem(signature: Signature | None, birth_date: date | None, today: date,
                      rules: Rules = DEFAULT_RULES) -> str | None:
    """The validation code when the recorded exemption does not fit the applicant, else None."""
    if signature is None or signature.exemption_reason is not SignatureExemption.CHILD:
        return None
    if birth_date is not None and not too_young_to_sign(birth_date, today, rules):
        return "signature.exemption_child_age"
    return None
