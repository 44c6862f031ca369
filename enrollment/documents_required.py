"""The supporting documents an application needs, from what it asks (titles, reasons), who asks (age,
guardian), how nationality is established and what COMEDEC answered: the list the documents step shows,
with what is still missing.

The birth certificate is asked only when the birth could not be verified electronically (the commune is
not connected to COMEDEC, or the register has no such birth) and no secure title in force proves civil
status; while COMEDEC has not answered (unchecked or the CERT unreachable) it is not asked yet: the check
is made again before sealing, and the list follows its answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .ages import age_on
from .checks import BirthCheck
from .model import DocumentKind, Dossier
from .nationality import NationalityBasis
from .request import DECLARED, REPLACING, Reason, secure_title_in_force
from .rules import DEFAULT_RULES, Rules


@dataclass(frozen=True)
class Requirement:
    kind: DocumentKind
    why: str  # a stable code; the French wording is `documents.why.<why>` in the catalogue


def is_minor(d: Dossier, today: date) -> bool:
    return d.civil.birth_date is not None and age_on(d.civil.birth_date, today) < 18


def required_documents(d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> list[Requirement]:
    out = [Requirement(DocumentKind.PROOF_OF_ADDRESS, "address")]
    reasons = {r.reason for r in d.requests if r.reason is not None}
    if reasons & {Reason.RENEWAL, Reason.DAMAGE}:
        out.append(Requirement(DocumentKind.PREVIOUS_TITLE, "previous_title"))
    if reasons & DECLARED:
        out.append(Requirement(DocumentKind.LOSS_OR_THEFT_DECLARATION, "declaration"))
    if is_minor(d, today):
        out.append(Requirement(DocumentKind.GUARDIAN_ID, "guardian_id"))
        if d.guardian is not None and d.guardian.parents_separated:
            out.append(Requirement(DocumentKind.JUDGEMENT, "judgement"))
    proven = any(secure_title_in_force(r.previous, today, rules) for r in d.requests if r.reason in REPLACING)
    if not proven:
        if d.birth_check.status in (BirthCheck.NOT_FOUND, BirthCheck.NOT_CONNECTED):
            out.append(Requirement(DocumentKind.BIRTH_CERTIFICATE, f"birth.{d.birth_check.status.value}"))
        match d.nationality:
            case NationalityBasis.FRENCH_PARENT:
                out.append(Requirement(DocumentKind.PARENT_NATIONALITY, "nationality.parent"))
            case NationalityBasis.CERTIFICATE:
                out.append(Requirement(DocumentKind.NATIONALITY_CERTIFICATE, "nationality.certificate"))
            case NationalityBasis.NATURALISATION:
                out.append(Requirement(DocumentKind.NATURALISATION, "nationality.naturalisation"))
    return out


def missing_documents(d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> list[Requirement]:
    held = {doc.kind for doc in d.documents}
    return [r for r in required_documents(d, today, rules) if r.kind not in held]
