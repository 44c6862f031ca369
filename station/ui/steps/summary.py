"""The last step: what the dossier holds, as the agent checks it with the applicant, and what still stops
it from being sent."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout

from enrollment.fees import fee_due
from enrollment.model import Dossier, TitleRequest
from enrollment.model_base import now_utc
from enrollment.request import validity_years
from enrollment.validation import ATTESTATION, Problem, validate

from ...strings import label, message
from ..widgets import Preview, pixmap_from_bytes
from .base import Step


class SummaryStep(Step):
    key = "recapitulatif"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.overview = QLabel("")
        self.overview.setWordWrap(True)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.photo = Preview(138, 177, label("photo.none"))
        self.signature = Preview(300, 75, "")
        right = QVBoxLayout()
        right.addWidget(self.photo)
        right.addWidget(self.signature)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.overview, 1)
        row.addLayout(right)
        self.outer.addLayout(row)
        self.attest = QCheckBox(label("summary.attest"))
        self.attest.toggled.connect(self._attested)
        self.outer.addWidget(self.attest)
        self.finish_layout()
        self.current_problems: list[Problem] = []

    def entered(self) -> None:
        d = self.dossier
        if d is None:
            return
        # Each reading of the summary asks for the attestation again: it is about what the applicant heard.
        self.attest.blockSignals(True)
        self.attest.setChecked(False)
        self.attest.blockSignals(False)
        d.attested_at = None
        self.current_problems = [p for p in validate(d, self.ctx.today(), self.ctx.rules()) if p.code != ATTESTATION]
        self.overview.setText("<br>".join(self._lines(d)))
        self.photo.show_pixmap(pixmap_from_bytes(d.photo.jpeg) if d.photo else None)
        sig = d.signature
        self.signature.show_pixmap(pixmap_from_bytes(sig.png) if sig and sig.png else None)
        if self.current_problems:
            self.status.setText(message("dossier.incomplete", count=len(self.current_problems)))
            self.show_problems([f"{label('step.' + p.step)} : {p.message}" for p in self.current_problems])
        else:
            self.status.setText(message("dossier.ready"))
            self.show_problems([])
        self.attest.setEnabled(not self.current_problems)

    def _attested(self, on: bool) -> None:
        if self.dossier is not None:
            self.dossier.attested_at = now_utc() if on else None

    def _lines(self, d: Dossier) -> list[str]:
        c, a = d.civil, d.address
        kept = [f for f in d.fingerprints if f.wsq]
        yes, no = label("summary.yes"), label("summary.no")
        signature = label("summary.exempted") if d.signature and d.signature.exemption else yes if d.signature else no
        lines = [self._request_line(d, r) for r in d.requests]
        if d.pre_application:
            lines[0] += label("summary.pre_application", number=d.pre_application)
        lines += [
            "",
            f"<b>{c.surname}</b>" + (label("summary.usage_name", name=c.usage_name) if c.usage_name else "")
            + f" {c.given_names}",
            (label(f"summary.born.{c.birth_date_precision.value}", date=c.birth_date) if c.birth_date
             else label("summary.born_unknown"))
            + (label("summary.born_at", place=c.birth_place) if c.birth_place else ""),
            f"{a.line1}{', ' + a.line2 if a.line2 else ''} — {a.postcode} {a.city}",
            f"{d.contact.phone or label('summary.no_phone')} — {d.contact.email or label('summary.no_email')}",
            "",
            label("summary.captures", photo=yes if d.photo else no, kept=len(kept))
            + (label("summary.impossible", count=len(d.fingerprints) - len(kept))
               if len(d.fingerprints) > len(kept) else "")
            + label("summary.signature_documents", signature=signature, documents=len(d.documents)),
        ]
        if d.nationality is not None:
            lines.append(label("summary.nationality", basis=label(f"civil.nationality.{d.nationality.value}")))
        if d.guardian is not None:
            g = d.guardian
            lines.append(label("summary.guardian", surname=g.surname, given=g.given_names,
                               link=label(f"guardian.link.{g.link.value}") if g.link else "—",
                               document=g.id_document or "—"))
        if d.tes_prints_refused:
            lines.append(label("civil.tes_refused"))
        for r in d.requests:
            fee = (fee_due(r.title, r.reason, c.birth_date, self.ctx.today(), self.ctx.rules())
                   if r.title and r.reason and c.birth_date else None)
            if fee is not None:
                text = (label("summary.no_fee") if fee == Decimal(0) else
                        label("summary.fee", amount=fee, stamp=r.fee_stamp or "—"))
                lines.append(f"{label('demande.' + r.title.value)} : {text}" if len(d.requests) > 1 else text)
        return lines

    def _request_line(self, d: Dossier, r: TitleRequest) -> str:
        line = (f"<b>{label('demande.' + r.title.value) if r.title else '—'}</b>"
                f" — {label('reason.' + r.reason.value) if r.reason else '—'}")
        if r.title is not None and d.civil.birth_date is not None:
            line += label("summary.validity", years=validity_years(r.title, d.civil.birth_date, self.ctx.today()))
        if r.previous is not None:
            line += label("summary.previous", kind=label(f"demande.previous.{r.previous.kind.value}"),
                          number=r.previous.number)
        if r.declaration_reference:
            line += label("summary.declaration", reference=r.declaration_reference)
        return line
