"""The content of the applicant's receipts, built from the sealed dossiers (or the title handed over) and
the station's own facts. Everything on it is text already in French; the renderer lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from enrollment.ages import age_on
from enrollment.fees import fee_due
from enrollment.model import Dossier
from enrollment.rules import DEFAULT_RULES, Rules

from ..strings import label, message

QR_PREFIX = "RECUEIL-DOSSIER:"


@dataclass(frozen=True)
class TitleLine:
    text: str  # "Passeport — Renouvellement"
    detail: str  # the fee, or the title's number
    reference: str  # the dossier's reference, as the CERT and the mairie know it


@dataclass(frozen=True)
class Receipt:
    heading: str
    mairie: str
    station_id: str
    agent: str
    issued_at: datetime
    person_label: str  # "Demandeur" / "Titulaire"
    person: str  # given names and surname: what the applicant needs to recognise their paper
    titles_heading: str
    titles: list[TitleLine]
    documents_heading: str = ""
    documents: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    qr_payload: str = ""  # the dossier reference(s), read back by a barcode reader at the counter


def _euros(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def recepisse(dossiers: list[Dossier], mairie: str, station_id: str, agent: str, issued_at: datetime,
              today: date, rules: Rules = DEFAULT_RULES) -> Receipt:
    """The récépissé of one interview: its sealed dossiers (one per title: two for a couplée application)."""
    first = dossiers[0]
    titles = []
    for d in dossiers:
        for r in d.requests:
            if r.title is None or r.reason is None:
                continue
            birth = d.civil.birth_date or today
            fee = fee_due(r.title, r.reason, birth, today, rules)
            titles.append(TitleLine(
                text=label("receipt.title_line", title=label(f"demande.{r.title.value}"),
                           reason=label(f"reason.{r.reason.value}")),
                detail=label("receipt.fee", amount=label("receipt.fee_amount", euros=_euros(fee))) if fee
                else label("receipt.fee_free"),
                reference=d.id))
    # A couplée application's dossiers share the application's documents: each page is counted once.
    seen = {(doc.kind, doc.title, doc.page) for d in dossiers for doc in d.documents}
    pages: dict[str, int] = {}
    for kind, _title, _page in sorted(seen, key=lambda k: (k[0].value, k[1] or "", k[2])):
        name = label(f"documents.kind.{kind.value}")
        pages[name] = pages.get(name, 0) + 1
    documents = [label("receipt.document_line", name=n, pages=p) for n, p in pages.items()] or \
        [label("receipt.no_documents")]
    steps = [message("receipt.next_sms" if first.contact.phone else "receipt.next_no_sms"),
             message("receipt.next_deadline")]
    if first.civil.birth_date is not None and age_on(first.civil.birth_date, today) < 18:
        steps.append(message("receipt.next_minor"))
    steps.append(message("receipt.not_a_title"))
    return Receipt(
        heading=label("receipt.recepisse_title"), mairie=mairie, station_id=station_id, agent=agent,
        issued_at=issued_at, person_label=label("receipt.applicant"), person=_name(first),
        titles_heading=label("receipt.titles"), titles=titles, documents_heading=label("receipt.documents"),
        documents=documents, next_steps=steps, qr_payload=QR_PREFIX + ",".join(d.id for d in dossiers))


def handover_receipt(title_label: str, title_number: str, holder: str, mairie: str, station_id: str, agent: str,
                     issued_at: datetime) -> Receipt:
    """The attestation given when a title is handed over: which title, to whom, where and by whom."""
    return Receipt(
        heading=label("receipt.handover_title"), mairie=mairie, station_id=station_id, agent=agent,
        issued_at=issued_at, person_label=label("receipt.holder"), person=holder,
        titles_heading=label("receipt.handed_title"),
        titles=[TitleLine(text=label("receipt.handed_line", title=title_label, number=title_number), detail="",
                          reference="")],
        next_steps=[message("receipt.handover_note")])


def _name(d: Dossier) -> str:
    return f"{d.civil.given_names.split(' ')[0] if d.civil.given_names else ''} {d.civil.surname}".strip()
