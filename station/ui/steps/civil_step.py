"""The civil-status step: names, sex, birth date and place, nationality, the TES refusal and, for a minor,
the holder of parental authority; COMEDEC is asked when the agent leaves it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox

from enrollment.ages import age_on
from enrollment.checks import BirthCheck, BirthCheckResult
from enrollment.model import DatePrecision, Dossier, Sex, TitleType, partial
from enrollment.nationality import NationalityBasis
from sync.lookups import BirthData

from ...context import cert_client
from ...online_checks import birth_check_text, birth_data, record_birth
from ...strings import label, message
from ..notifications import agent_message
from .base import Step
from .birth_place import BirthPlaceBox
from .fields import text_line
from .guardian_form import GuardianForm

DATE_FORMATS = {DatePrecision.FULL: "dd/MM/yyyy", DatePrecision.MONTH: "MM/yyyy", DatePrecision.YEAR: "yyyy"}


class CivilStep(Step):
    key = "etat_civil"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.surname, self.usage_name, self.given_names = text_line(), text_line(), text_line()
        self.sex = QComboBox()
        self.sex.addItem("—", None)
        for s in Sex:
            self.sex.addItem(label(f"civil.sex.{s.value}"), s)
        self.birth_date = QDateEdit()
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1890, 1, 1))
        self.birth_date.setSpecialValueText("jj/mm/aaaa")
        # Some births abroad are registered with the year, or the month and year, only.
        self.birth_precision = QComboBox()
        for precision in DatePrecision:
            self.birth_precision.addItem(label(f"civil.birth_precision.{precision.value}"), precision)
        self.birth_precision.currentIndexChanged.connect(self._precision_changed)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth_date)
        birth_row.addWidget(self.birth_precision)
        birth_row.addStretch(1)
        self.place = BirthPlaceBox(ctx)
        self.birth_country = text_line()
        self.height = QSpinBox()
        self.height.setRange(0, 250)
        self.height.setSpecialValueText("—")
        self.height.setSuffix(" cm")
        self.nationality = QComboBox()
        self.nationality.addItem("—", None)
        for basis in NationalityBasis:
            self.nationality.addItem(label(f"civil.nationality.{basis.value}"), basis)
        self.tes_refused = QCheckBox(label("civil.tes_refused"))
        for key, w in (("surname", self.surname), ("usage_name", self.usage_name),
                       ("given_names", self.given_names), ("sex", self.sex), ("birth_date", birth_row),
                       ("birth_place", self.place), ("birth_country", self.birth_country),
                       ("height", self.height), ("nationality", self.nationality)):
            f.addRow(label(f"civil.{key}"), w)
        f.addRow(self.tes_refused)
        self.guardian = GuardianForm()
        self.outer.addWidget(self.guardian)
        self.birth_date.dateChanged.connect(lambda _d: self._show_guardian())
        self._checked: BirthData | None = None  # the birth data COMEDEC last answered about
        self.finish_layout()

    @property
    def birth_place(self) -> QLineEdit:
        """The place's text field (the commune field's once the list is read)."""
        return self.place.edit

    def _precision_changed(self, _index: int) -> None:
        precision = DatePrecision(self.birth_precision.currentData())
        self.birth_date.setDisplayFormat(DATE_FORMATS[precision])

    def _typed_birth(self) -> date | None:
        """The birth date as typed, a partial one kept as the first day of what is known; None when empty."""
        qd = self.birth_date.date()
        if qd == self.birth_date.minimumDate():
            return None
        return partial(qd.toPython(), DatePrecision(self.birth_precision.currentData()))

    def _minor(self, birth: date | None) -> bool:
        return birth is not None and age_on(birth, self.ctx.today()) < 18

    def _show_guardian(self) -> None:
        birth = self._typed_birth()
        self.place.set_birth_date(birth)
        self.guardian.setVisible(self._minor(birth))

    def entered(self) -> None:
        d = self.dossier
        self.tes_refused.setVisible(d is not None and any(r.title is TitleType.CNI for r in d.requests))
        self._show_guardian()

    def load(self, d: Dossier) -> None:
        super().load(d)
        c = d.civil
        self.surname.setText(c.surname)
        self.usage_name.setText(c.usage_name)
        self.given_names.setText(c.given_names)
        self.sex.setCurrentIndex(self.sex.findData(c.sex))
        self.birth_precision.setCurrentIndex(self.birth_precision.findData(c.birth_date_precision))
        self.birth_date.setDate(QDate(c.birth_date) if c.birth_date else self.birth_date.minimumDate())
        self.place.load(c)
        self.birth_country.setText(c.birth_country)
        self.height.setValue(c.height_cm or 0)
        self._checked = birth_data(d) if d.birth_check.status is not BirthCheck.UNCHECKED else None
        self.status.setText(birth_check_text(d.birth_check))  # this dossier's answer, not the last one shown
        self.nationality.setCurrentIndex(self.nationality.findData(d.nationality))
        self.tes_refused.setChecked(d.tes_prints_refused)
        self.guardian.load(d.guardian)
        self._show_guardian()

    def save(self, d: Dossier) -> None:
        c = d.civil
        c.surname = self.surname.text().strip().upper()
        c.usage_name = self.usage_name.text().strip().upper()
        c.given_names = self.given_names.text().strip()
        c.sex = self.sex.currentData()
        c.birth_date_precision = DatePrecision(self.birth_precision.currentData())
        c.birth_date = self._typed_birth()
        c.birth_country = self.birth_country.text().strip().upper() or "FRANCE"
        self.place.save(c)  # a country chosen in the list names the country of birth
        c.height_cm = self.height.value() or None
        d.nationality = self.nationality.currentData()
        d.tes_prints_refused = self.tes_refused.isChecked() and any(r.title is TitleType.CNI for r in d.requests)
        d.guardian = self.guardian.save(d.guardian) if self._minor(c.birth_date) else None
        if birth_data(d) != self._checked:  # what COMEDEC said was about other data
            d.birth_check = BirthCheckResult()
            self._checked = None

    def left(self) -> None:
        """Leaving the step with the birth data complete: COMEDEC is asked, off the GUI thread, once per
        set of data; the answer is kept with the draft and shown to the agent."""
        d = self.dossier
        data = birth_data(d) if d is not None else None
        if d is None or data is None or (data == self._checked and d.birth_check.status is not BirthCheck.TO_VERIFY):
            return
        self._checked = data
        self.status.setText(message("comedec.checking"))
        config = self.ctx.config

        def ask():
            from sync.online_checks.comedec import check_birth

            with cert_client(config) as client:
                return check_birth(client, data)

        def answered(verdict) -> None:
            if self.dossier is d and record_birth(d, data, verdict):
                self.status.setText(verdict.message)
                notify = self.ctx.notifications.info if verdict.outcome == "confirmed" else \
                    self.ctx.notifications.warning
                notify(verdict.message)

        self.ctx.calls.spawn(ask, on_done=answered, on_error=lambda e: self.status.setText(agent_message(e)))
