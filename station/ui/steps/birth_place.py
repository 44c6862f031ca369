"""The place of birth in the civil-status step: a commune chosen from the COG list (its INSEE code of the day
of birth) or, for a birth abroad, a country (its COG code), through station/ui/commune_field.py.

The list takes a few hundred milliseconds to read: it is read off the GUI thread when the step is built,
and until it is there the field is plain text (the code is then found when the text names one commune)."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from enrollment.model import CivilStatus
from enrollment.rules import DEFAULT_RULES

if TYPE_CHECKING:
    from ...context import StationContext
    from ..commune_field import BirthPlace, CommuneField

log = logging.getLogger(__name__)


class BirthPlaceBox(QWidget):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.edit = QLineEdit()  # the text the agent types, plain until the list is read
        self.edit.setMaxLength(DEFAULT_RULES.max_text_field)
        self.field: CommuneField | None = None
        self._birth_date: date | None = None
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.edit)
        # The CERT's verified COG, else a technician's or the shipped one (station/reference.py).
        ctx.calls.spawn(ctx.reference.communes, on_done=self._install, on_error=lambda e: log.warning(
            "commune list unreadable", extra={"event": "communes.unreadable", "code": type(e).__name__}))

    def _install(self, reference) -> None:
        from enrollment.civil.communes import CommuneIndex
        from enrollment.civil.countries import CountryIndex

        from ..commune_field import CommuneField

        text = self.edit.text()
        field = CommuneField(CommuneIndex(reference), CountryIndex(reference), parent=self)  # never a window
        field.set_birth_date(self._birth_date)
        self._row.removeWidget(self.edit)
        self.edit.hide()
        self._row.addWidget(field)
        self.field, self.edit = field, field.edit
        self.edit.setText(text)

    def set_birth_date(self, day: date | None) -> None:
        self._birth_date = day
        if self.field is not None:
            self.field.set_birth_date(day)

    @property
    def choice(self) -> BirthPlace | None:
        return self.field.resolve() if self.field is not None else None

    def load(self, c: CivilStatus) -> None:
        if self.field is not None:
            self.field.abroad.setChecked(bool(c.birth_country_code))
        self.edit.setText(c.birth_place)
        if self.field is not None and (c.birth_insee or c.birth_country_code):
            self.field.restore(c.birth_insee or c.birth_country_code, c.birth_place, bool(c.birth_country_code))

    def save(self, c: CivilStatus) -> None:
        c.birth_place = self.edit.text().strip()
        place = self.choice
        if place is None or place.name != c.birth_place:
            c.birth_insee = c.birth_country_code = ""
            return
        if place.abroad:
            c.birth_insee, c.birth_country_code, c.birth_country = "", place.insee, place.name.upper()
        else:
            c.birth_insee, c.birth_country_code, c.birth_country = place.insee, "", "FRANCE"
