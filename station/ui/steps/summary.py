"""The last step: what the dossier holds, and what still stops it from being sent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from enrollment.model import Dossier
from enrollment.validation import Problem, validate

from ...strings import label, message
from .base import Step


class SummaryStep(Step):
    key = "recapitulatif"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.overview = QLabel("")
        self.overview.setWordWrap(True)
        self.outer.addWidget(self.overview)
        self.finish_layout()
        self.current_problems: list[Problem] = []

    def entered(self) -> None:
        d = self.dossier
        if d is None:
            return
        self.current_problems = validate(d, self.ctx.today())
        c = d.civil
        lines = [
            f"<b>{label('demande.' + d.title.value) if d.title else '—'}</b>"
            f" — {label('reason.' + d.reason.value) if d.reason else '—'}",
            f"{c.surname} {c.given_names}" + (f", né(e) le {c.birth_date:%d/%m/%Y}" if c.birth_date else ""),
            f"{d.address.line1} {d.address.postcode} {d.address.city}",
            f"Photo : {'oui' if d.photo else 'non'} — Empreintes : {len(d.fingerprints)} — "
            f"Signature : {'oui' if d.signature else 'non'} — Justificatifs : {len(d.documents)}",
        ]
        self.overview.setText("<br>".join(lines))
        if self.current_problems:
            self.status.setText(message("dossier.incomplete", count=len(self.current_problems)))
            self.show_problems([f"{label('step.' + p.step)} : {p.message}" for p in self.current_problems])
        else:
            self.status.setText(message("dossier.ready"))
            self.show_problems([])

    def load(self, d: Dossier) -> None:
        super().load(d)
