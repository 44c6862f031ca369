"""The place-of-birth field: a commune of the COG chosen from what the agent types, or a country when the
applicant was born abroad.

The agent types a name as it comes (accents, hyphens, "St" optional; a département after it for homonyms:
"Saint-Martin 33"); a list under the field proposes "Name (dép.)", with what became of a former commune;
the choice gives `(insee, name)`: the commune's code of the day of birth (`set_birth_date`), or the
country's COG code (99xxx). Text typed but not chosen gives no code, unless it names exactly one commune.

Searching takes well under a millisecond (bench: communes.search), so it runs on the GUI thread at each
keystroke; reading the list takes a few hundred (communes.load): the caller builds the indexes off the GUI
thread, once (`enrollment.civil.reference.shared`), and hands them here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from enrollment.civil.communes import EXACT, CommuneIndex
from enrollment.civil.countries import CountryIndex
from enrollment.civil.reference import CogError

from ..strings import label

# Long enough for any COG name (the longest, 49 characters, whole), short enough to stay a name.
MAX_LENGTH = 80
# One letter matches a third of France; the list starts being useful at two.
MIN_CHARACTERS = 2
PROPOSALS = 20


@dataclass(frozen=True)
class BirthPlace:
    insee: str  # the commune's INSEE code of the day of birth, or the country's COG code (99xxx)
    name: str
    abroad: bool = False


class CommuneField(QWidget):
    chosen = Signal(object)  # the BirthPlace picked, or None when the text no longer names one

    def __init__(self, communes: CommuneIndex, countries: CountryIndex | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._communes, self._countries = communes, countries
        self._birth_date: date | None = None
        self._choice: BirthPlace | None = None
        self._proposed: dict[str, BirthPlace] = {}
        self.edit = QLineEdit()
        self.edit.setMaxLength(MAX_LENGTH)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        # The index ranks and filters; the completer only shows its order.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.edit)
        self.completer.activated[str].connect(self._activated)
        self.edit.textEdited.connect(self._search)
        self.edit.editingFinished.connect(self._finished)
        self.abroad = QCheckBox(label("commune_field.abroad"), self)  # parented: shown alone it is a window
        self.abroad.setVisible(countries is not None)
        self.abroad.toggled.connect(self._mode_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.abroad)
        self._mode_changed(False)

    def set_birth_date(self, day: date | None) -> None:
        """Rank the communes of that day first; a commune chosen that did not exist under that name on that
        day is no longer chosen (the agent picks again, from the names of the day)."""
        self._birth_date = day
        if self._choice is None or self._choice.abroad:
            return
        try:
            still = self._communes.commune(self._choice.insee, on=day).name == self._choice.name
        except CogError:
            still = False
        if not still:
            self._choose(None)

    def choice(self) -> BirthPlace | None:
        return self._choice

    def resolve(self) -> BirthPlace | None:
        """The choice, or the one commune the text names when the agent moved on without leaving the field
        (a button clicked from the keyboard does not end the editing)."""
        self._finished()
        return self._choice

    def restore(self, code: str, name: str, abroad: bool) -> None:
        """Show a place chosen before (a draft reopened) as chosen, without searching again."""
        self.abroad.setChecked(abroad)
        self.edit.setText(name)
        self._choose(BirthPlace(code, name, abroad))

    def proposals(self) -> list[str]:
        """What the list under the field proposes, in its order."""
        return self._model.stringList()

    def _mode_changed(self, abroad: bool) -> None:
        self.edit.setPlaceholderText(label("commune_field.country_placeholder" if abroad
                                           else "commune_field.placeholder"))
        self.edit.clear()
        self._model.setStringList([])
        self._choose(None)

    def _candidates(self, text: str) -> dict[str, BirthPlace]:
        if self.abroad.isChecked() and self._countries is not None:
            return {label("commune_field.country_item", name=c.name, code=c.code): BirthPlace(c.code, c.name, True)
                    for c in self._countries.search(text, limit=PROPOSALS)}
        found: dict[str, BirthPlace] = {}
        for m in self._communes.search(text, on=self._birth_date, limit=PROPOSALS):
            found.setdefault(m.label, BirthPlace(m.commune.insee, m.commune.name))
        return found

    def _search(self, text: str) -> None:
        self._choose(None)
        self._proposed = self._candidates(text) if len(text.strip()) >= MIN_CHARACTERS else {}
        self._model.setStringList(list(self._proposed))
        if self._proposed:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _activated(self, text: str) -> None:
        place = self._proposed.get(text)
        if place is not None:
            self.edit.setText(place.name)
            self._choose(place)

    def _finished(self) -> None:
        """Text left without picking: it stands for a commune only when it names exactly one."""
        if self._choice is not None or self.abroad.isChecked():
            return
        exact = [m for m in self._communes.search(self.edit.text(), on=self._birth_date) if m.rank == EXACT]
        if len(exact) == 1 and exact[0].commune.name == self.edit.text().strip():
            self._choose(BirthPlace(exact[0].commune.insee, exact[0].commune.name))

    def _choose(self, place: BirthPlace | None) -> None:
        if place != self._choice:
            self._choice = place
            self.chosen.emit(place)
