"""The supporting documents an application needs, from what it asks (titles, reasons), who asks (age,
guardian), how nationality is established and what COMEDEC answered: the list the documents step shows,
with what is still missing.

The birth certificate is asked only when the birth could not be verified electronically (the commune is
not connected to COMEDEC, or the register has no such birth) and no secure title in force proves civil
status; while COMEDEC has not answered (unchecked or the CERT unreachable) it is not asked yet: the check
is made again before sealing, and the list follows its answer.

What one request needs (the previous title it renews, the declaration of its loss) is required per title in
a couplée application, and goes to that title's dossier only (`documents_of`); the rest is the
application's, shared by both dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .ages import age_on
from .checks import BirthCheck
from .model import Document, DocumentKind, Dossier, TitleType
from .nationality import NationalityBasis
from .request import DECLARED, REPLACING, Reason, secure_title_in_force
from .rules import DEFAULT_RULES, Rules


@dataclass(frozen=True)
class Requirement:
    kind: DocumentKind
    why: str  # a stable code; the French wording is `documents.why.<why>` in the catalogue
    title: TitleType | None = None  # the title whose request needs it, in a couplée application

    def met_by(self, doc: Document) -> bool:
        return doc.kind is self.kind and (doc.title is None or self.title is None or doc.title is self.title)


def is_minor(d: Dossier, today: date) -> bool:
    return d.civil.birth_date is not None and age_on(d.civil.birth_date, today) < 18


def required_documents(d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> list[Requirement]:
    out = [Requirement(DocumentKind.PROOF_OF_ADDRESS, "address")]
    coupled = len(d.requests) > 1
    for request in d.requests:
        title = request.title if coupled else None
        if request.reason in (Reason.RENEWAL, Reason.DAMAGE):
            out.append(Requirement(DocumentKind.PREVIOUS_TITLE, "previous_title", title))
        if request.reason in DECLARED:
            out.append(Requirement(DocumentKind.LOSS_OR_THEFT_DECLARATION, "declaration", title))
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
    return [r for r in required_documents(d, today, rules) if not any(r.met_by(doc) for doc in d.documents)]


def documents_of(documents: list[Document], title: TitleType | None) -> list[Document]:
    """The documents a title's dossier carries: the application's, and those of its own request."""
    return [doc for doc in documents if doc.title is None or doc.title is title]
