"""What the applicant asks for: one title or two in one appointment (the "demande couplée"), each with its
reason, the previous title it replaces and its fee stamp.

A couplée application is one interview and one capture; at sealing it becomes one dossier per title, linked
to each other, because at the CERT each title is instructed, produced, delivered and handed over on its own
(one number, one envelope, one receipt). Until then the draft holds both requests."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import Field

from .ages import age_on
from .checks import StampCheckResult
from .errors import EnrollmentError
from .model_base import Model
from .mrz import read_mrz
from .rules import DEFAULT_RULES, Rules
from .strings import message


class TitleType(StrEnum):
    CNI = "cni"
    PASSPORT = "passeport"


class Reason(StrEnum):
    FIRST = "premiere_demande"
    RENEWAL = "renouvellement"
    LOSS = "perte"
    THEFT = "vol"
    DAMAGE = "deterioration"
    CHANGE = "changement_etat_civil_ou_adresse"


# The reasons that replace a title the applicant had: its number, date and authority are recorded.
REPLACING = frozenset({Reason.RENEWAL, Reason.LOSS, Reason.THEFT, Reason.DAMAGE})
DECLARED = frozenset({Reason.LOSS, Reason.THEFT})  # a police, gendarmerie or online declaration exists


class PreviousTitleKind(StrEnum):
    CNIE = "cnie"  # the card since August 2021 (TD1 with a chip)
    CNI_OLD = "cni_ancienne"  # the laminated card before it
    PASSPORT = "passeport"


class PreviousTitle(Model):
    kind: PreviousTitleKind
    number: str
    issued_on: date | None = None
    authority: str = ""  # "Préfecture du Doubs", "Mairie de Besançon"…
    from_mrz: bool = False  # read from its MRZ, every check digit verified


class TitleRequest(Model):
    title: TitleType | None = None
    reason: Reason | None = None
    previous: PreviousTitle | None = None
    declaration_reference: str = ""  # the loss or theft declaration's reference
    fee_stamp: str = ""
    stamp_check: StampCheckResult = Field(default_factory=StampCheckResult)


def number_pattern(kind: PreviousTitleKind, rules: Rules = DEFAULT_RULES) -> str:
    return {PreviousTitleKind.CNIE: rules.cnie_number_pattern, PreviousTitleKind.CNI_OLD: rules.old_cni_number_pattern,
            PreviousTitleKind.PASSPORT: rules.passport_number_pattern}[kind]


def previous_title(kind: PreviousTitleKind, number: str, issued_on: date | None = None, authority: str = "",
                   rules: Rules = DEFAULT_RULES) -> PreviousTitle:
    """A previous title as the agent typed it: its number's format checked for its kind (EnrollmentError in
    French otherwise); spaces dropped, upper case."""
    value = re.sub(r"\s", "", number).upper()
    if not re.fullmatch(number_pattern(kind, rules), value):
        raise EnrollmentError("previous_title.number_format",
                              message("previous_title.number_format", which="",
                                      kind=message(f"previous_title.kind.{kind}")))
    return PreviousTitle(kind=kind, number=value, issued_on=issued_on, authority=authority.strip())


def previous_title_from_mrz(text: str, rules: Rules = DEFAULT_RULES) -> PreviousTitle:
    """A previous title read from its MRZ (TD1: the CNIe; TD3: the passport), every check digit verified:
    EnrollmentError in French when a digit is wrong, the zone is not a title's, or the country not France."""
    zone = read_mrz(text)
    if zone.country != "FRA":
        raise EnrollmentError("previous_title.not_french", message("previous_title.not_french"))
    kind = PreviousTitleKind.PASSPORT if zone.document_type.startswith("P") else PreviousTitleKind.CNIE
    title = previous_title(kind, zone.document_number, rules=rules)
    return title.model_copy(update={"from_mrz": True})


def validity_years(title: TitleType, birth: date, today: date, rules: Rules = DEFAULT_RULES) -> int:
    """How long the title will be valid: a minor's passport 5 years, everything else 10."""
    if title is TitleType.PASSPORT and age_on(birth, today) < 18:
        return rules.passport_validity_minor_years
    return rules.title_validity_years


def secure_title_in_force(previous: PreviousTitle | None, today: date, rules: Rules = DEFAULT_RULES) -> bool:
    """A CNIe or passport still valid, or expired for less than the grace years: it proves civil status and
    nationality, so no birth certificate is asked (its issue date is needed to tell). A minor's passport,
    valid 5 years only, is given the adult's 10 here: the CERT, which knows its validity, has the last word."""
    if previous is None or previous.kind is PreviousTitleKind.CNI_OLD or previous.issued_on is None:
        return False
    return age_on(previous.issued_on, today) < rules.title_validity_years + rules.secure_title_grace_years


__all__ = ["DECLARED", "REPLACING", "PreviousTitle", "PreviousTitleKind", "Reason", "TitleRequest", "TitleType",
           "number_pattern", "previous_title", "previous_title_from_mrz", "secure_title_in_force",
           "validity_years"]
