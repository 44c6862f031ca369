"""What a complete dossier needs. Drafts may be anything; this decides when one may be sealed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .ages import age_on
from .checks import StampCheck
from .documents_required import is_minor, missing_documents
from .fees import fee_due
from .fingerprint.order import plan_complete
from .model import Dossier
from .nationality import NationalityBasis
from .request import DECLARED, REPLACING, Reason, TitleType, number_pattern, secure_title_in_force
from .rules import DEFAULT_RULES, Rules
from .signature.exemptions import exemption_problem
from .strings import message

ATTESTATION = "attestation.missing"  # asked last, at the summary, once everything else holds
REFUSED_2DDOC = frozenset({"invalid_signature", "expired"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MOBILE = re.compile(r"^0[67][0-9]{8}$")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the wizard step it belongs to, the field, a stable code and the French message."""

    step: str
    field: str
    code: str
    message: str


def _p(step: str, field: str, code: str, **fmt: object) -> Problem:
    return Problem(step, field, code, message(code, **fmt))


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-]", "", phone)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    return digits


def validate(dossier: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> list[Problem]:
    problems: list[Problem] = []
    problems += _request(dossier, today, rules)
    problems += _civil(dossier, today, rules)
    problems += _nationality(dossier, today, rules)
    problems += _guardian(dossier, today, rules)
    problems += _address_contact(dossier, rules)
    problems += _biometrics(dossier, today, rules)
    problems += _documents_and_fee(dossier, today, rules)
    if dossier.attested_at is None:
        problems.append(_p("recapitulatif", "attestation", ATTESTATION))
    return problems


def _request(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    out = []
    titles = [r.title for r in d.requests if r.title is not None]
    if len(titles) != len(set(titles)):
        out.append(_p("demande", "title", "title.twice"))
    for n, r in enumerate(d.requests, start=1):
        which = _which(d, n)
        if r.title is None:
            out.append(_p("demande", "title", "title.missing", which=which))
        if r.reason is None:
            out.append(_p("demande", "reason", "reason.missing", which=which))
        elif r.reason in REPLACING and r.previous is None:
            out.append(_p("demande", "previous", "previous_title.missing", which=which))
        elif r.previous is not None and not rules.matches(number_pattern(r.previous.kind, rules), r.previous.number):
            out.append(_p("demande", "previous", "previous_title.number_format", which=which,
                          kind=message(f"previous_title.kind.{r.previous.kind}")))
        elif r.reason in (Reason.RENEWAL, Reason.DAMAGE) and r.previous is not None and r.previous.issued_on is None:
            out.append(_p("demande", "previous", "previous_title.issued_on", which=which))
        if r.previous is not None and r.previous.issued_on is not None and r.previous.issued_on > today:
            out.append(_p("demande", "previous", "previous_title.future", which=which))
        if r.reason in DECLARED and not r.declaration_reference.strip():
            out.append(_p("demande", "declaration", "declaration.missing", which=which))
    if d.pre_application and not rules.matches(rules.pre_application_pattern, d.pre_application):
        out.append(_p("demande", "pre_application", "pre_application.format"))
    if d.tes_prints_refused and TitleType.CNI not in titles:
        out.append(_p("demande", "tes_prints_refused", "tes_refusal.cni_only"))
    return out


def _which(d: Dossier, n: int) -> str:
    """Which request a problem is about, in a couplée application ("" when there is one)."""
    if len(d.requests) == 1:
        return ""
    title = d.requests[n - 1].title
    return message("request.which", title=message(f"request.title.{title.value}") if title else str(n))


def _title_which(title: TitleType | None) -> str:
    return message("request.which", title=message(f"request.title.{title.value}")) if title else ""


def _guardian(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    if not is_minor(d, today):
        return []
    g = d.guardian
    if g is None or not (g.surname.strip() and g.given_names.strip() and g.link and g.id_document.strip()):
        return [_p("etat_civil", "guardian", "guardian.missing")]
    out = []
    if g.parents_separated and not g.judgement_seen:
        out.append(_p("etat_civil", "guardian", "guardian.judgement"))
    if g.signature is None or g.signature.png is None:
        out.append(_p("signature", "guardian_signature", "guardian.signature"))
    return out


def _nationality(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    if d.nationality is None:
        return [_p("etat_civil", "nationality", "nationality.missing")]
    if d.nationality is NationalityBasis.PREVIOUS_TITLE and not any(
            secure_title_in_force(r.previous, today, rules) for r in d.requests):
        return [_p("etat_civil", "nationality", "nationality.no_secure_title")]
    return []


def _civil(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    c, out = d.civil, []
    if not c.surname.strip():
        out.append(_p("etat_civil", "surname", "civil.surname.missing"))
    if not c.given_names.strip():
        out.append(_p("etat_civil", "given_names", "civil.given_names.missing"))
    if c.sex is None:
        out.append(_p("etat_civil", "sex", "civil.sex.missing"))
    if c.birth_date is None:
        out.append(_p("etat_civil", "birth_date", "civil.birth_date.missing"))
    elif c.birth_date > today:
        out.append(_p("etat_civil", "birth_date", "civil.birth_date.future"))
    elif age_on(c.birth_date, today) > 130:
        out.append(_p("etat_civil", "birth_date", "civil.birth_date.too_old"))
    if not c.birth_place.strip():
        out.append(_p("etat_civil", "birth_place", "civil.birth_place.missing"))
    if c.height_cm is not None and not 40 <= c.height_cm <= 250:
        out.append(_p("etat_civil", "height_cm", "civil.height.range"))
    for name in ("surname", "usage_name", "given_names", "birth_place"):
        if len(getattr(c, name)) > rules.max_text_field:
            out.append(_p("etat_civil", name, "text.too_long", limit=rules.max_text_field))
    return out


def _address_contact(d: Dossier, rules: Rules) -> list[Problem]:
    a, out = d.address, []
    if not a.line1.strip():
        out.append(_p("adresse", "line1", "address.line1.missing"))
    if a.country.upper() == "FRANCE" and not rules.matches(rules.postcode_pattern, a.postcode):
        out.append(_p("adresse", "postcode", "address.postcode.format"))
    if not a.city.strip():
        out.append(_p("adresse", "city", "address.city.missing"))
    if d.contact.phone and not _MOBILE.fullmatch(normalise_phone(d.contact.phone)):
        out.append(_p("adresse", "phone", "contact.phone.format"))
    if d.contact.email and not _EMAIL.fullmatch(d.contact.email):
        out.append(_p("adresse", "email", "contact.email.format"))
    return out


def fingerprints_required(d: Dossier, today: date, rules: Rules = DEFAULT_RULES) -> bool:
    return d.civil.birth_date is None or age_on(d.civil.birth_date, today) >= rules.fingerprint_min_age


def _biometrics(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    out = []
    if d.photo is None:
        out.append(_p("photo", "photo", "photo.missing"))
    elif d.photo.unresolved:  # failing checks the agent did not accept with a reason
        names = ", ".join(message(f"face.label.{n}").lower() for n in d.photo.unresolved)
        out.append(_p("photo", "photo", "photo.noncompliant", checks=names))
    if fingerprints_required(d, today, rules):
        # Two prints, or every finger of the plan recorded as an exception (fingerprint/order.py).
        if not plan_complete(d.fingerprints, rules.fingerprints_kept):
            out.append(_p("empreintes", "fingerprints", "fingerprints.missing"))
    elif d.fingerprints:
        out.append(_p("empreintes", "fingerprints", "fingerprints.not_expected"))
    if d.signature is None or (d.signature.png is None and not d.signature.exemption):
        out.append(_p("signature", "signature", "signature.missing"))
    elif code := exemption_problem(d.signature, d.civil.birth_date, today, rules):
        out.append(_p("signature", "signature", code, min_age=rules.signature_min_age))
    return out


def _documents_and_fee(d: Dossier, today: date, rules: Rules) -> list[Problem]:
    out = [_p("justificatifs", "documents", f"documents.missing.{r.kind.value}", which=_title_which(r.title))
           for r in missing_documents(d, today, rules)]
    # A 2D-Doc that proves tampering or age refuses its page; an unknown signer is shown, not refused (the
    # embedded trust list names the authorities, not every signing certificate).
    if any(doc.twoddoc in REFUSED_2DDOC for doc in d.documents):
        out.append(_p("justificatifs", "documents", "documents.twoddoc_refused"))
    if d.civil.birth_date is None:
        return out
    stamps = [r.fee_stamp for r in d.requests if r.fee_stamp]
    if len(stamps) != len(set(stamps)):
        out.append(_p("timbre", "fee_stamp", "fee_stamp.twice"))
    for n, r in enumerate(d.requests, start=1):
        if r.title is None or r.reason is None or fee_due(r.title, r.reason, d.civil.birth_date, today, rules) <= 0:
            continue
        if not r.fee_stamp:
            out.append(_p("timbre", "fee_stamp", "fee_stamp.missing", which=_which(d, n)))
        elif not rules.matches(rules.fee_stamp_pattern, r.fee_stamp):
            out.append(_p("timbre", "fee_stamp", "fee_stamp.format", which=_which(d, n)))
        elif r.stamp_check.status is StampCheck.REFUSED:  # the service said why; the agent needs another stamp
            out.append(_p("timbre", "fee_stamp", "fee_stamp.refused", which=_which(d, n)))
    return out
