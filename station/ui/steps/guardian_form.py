"""A minor's application: the holder of parental authority present at the counter, as the agent checked
them (identity from the ID document seen, link, and the judgement for separated parents). Their signature
is taken at the signature step."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from enrollment.guardian import Guardian, ParentalLink
from enrollment.rules import DEFAULT_RULES

from ...strings import label


class GuardianForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        f = QFormLayout(self)
        f.setContentsMargins(0, 0, 0, 0)
        self.surname, self.given_names, self.id_document = QLineEdit(), QLineEdit(), QLineEdit()
        for w in (self.surname, self.given_names, self.id_document):
            w.setMaxLength(DEFAULT_RULES.max_text_field)
        self.link = QComboBox()
        self.link.addItem("—", None)
        for link in ParentalLink:
            self.link.addItem(label(f"guardian.link.{link.value}"), link)
        self.separated = QCheckBox(label("guardian.separated"))
        self.judgement = QCheckBox(label("guardian.judgement"))
        self.separated.toggled.connect(lambda on: f.setRowVisible(self.judgement, on))
        f.addRow(QLabel(label("guardian.heading")))
        f.addRow(label("guardian.surname"), self.surname)
        f.addRow(label("guardian.given_names"), self.given_names)
        f.addRow(label("guardian.link"), self.link)
        f.addRow(label("guardian.id_document"), self.id_document)
        f.addRow(self.separated)
        f.addRow(self.judgement)
        f.setRowVisible(self.judgement, False)

    def load(self, g: Guardian | None) -> None:
        g = g or Guardian()
        self.surname.setText(g.surname)
        self.given_names.setText(g.given_names)
        self.link.setCurrentIndex(self.link.findData(g.link))
        self.id_document.setText(g.id_document)
        self.separated.setChecked(g.parents_separated)
        self.judgement.setChecked(g.judgement_seen)

    def save(self, g: Guardian | None) -> Guardian:
        """The guardian as typed, keeping the signature already taken."""
        g = g or Guardian()
        g.surname = self.surname.text().strip().upper()
        g.given_names = self.given_names.text().strip()
        g.link = self.link.currentData()
        g.id_document = self.id_document.text().strip()
        g.parents_separated = self.separated.isChecked()
        g.judgement_seen = g.parents_separated and self.judgement.isChecked()
        return g
