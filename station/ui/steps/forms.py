"""The typed steps: the request, civil status, address and contact, fee stamp."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox

from devices.barcode import Barcode
from enrollment.fees import fee_due
from enrollment.model import Dossier, Reason, Sex, TitleType
from enrollment.rules import DEFAULT_RULES
from enrollment.validation import normalise_phone

from ... import pre_application
from ...strings import label, message
from ..notifications import agent_message
from ..widgets import button
from .base import Step


def _line(max_len: int = DEFAULT_RULES.max_text_field) -> QLineEdit:
    w = QLineEdit()
    w.setMaxLength(max_len)
    return w


class RequestStep(Step):
    key = "demande"
    found = Signal(object)  # the PreApplication: the wizard pre-fills the dossier with it

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.title_box = QComboBox()
        for t in TitleType:
            self.title_box.addItem(label(f"demande.{t.value}"), t)
        self.reason_box = QComboBox()
        for r in Reason:
            self.reason_box.addItem(label(f"reason.{r.value}"), r)
        self.pre_application = _line(10)
        self.scan_button = button(label("demande.scan_qr"))
        self.scan_button.clicked.connect(self.scan_qr)
        self.lookup_button = button(label("demande.lookup"))
        self.lookup_button.clicked.connect(self.lookup)
        self.pre_application.returnPressed.connect(self.lookup)
        row = QHBoxLayout()
        row.addWidget(self.pre_application)
        row.addWidget(self.scan_button)
        row.addWidget(self.lookup_button)
        f.addRow(label("demande.title"), self.title_box)
        f.addRow(label("demande.reason"), self.reason_box)
        f.addRow(label("demande.pre_application"), row)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.title_box.setCurrentIndex(self.title_box.findData(d.title or TitleType.CNI))
        self.reason_box.setCurrentIndex(self.reason_box.findData(d.reason or Reason.FIRST))
        self.pre_application.setText(d.pre_application)

    def save(self, d: Dossier) -> None:
        d.title = self.title_box.currentData()
        d.reason = self.reason_box.currentData()
        d.pre_application = self.pre_application.text().strip().upper()

    def scan_qr(self) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(message("barcode.waiting"))
        self.ctx.calls.run(self.ctx.devices.barcode.call("read", 15.0), self._scanned, self._failed)

    def _scanned(self, code: Barcode) -> None:
        self.scan_button.setEnabled(True)
        number = DEFAULT_RULES.pre_application_number(code.text)
        if number is None:
            self.status.setText(message("barcode.not_pre_application"))
            return
        self.pre_application.setText(number)
        self.lookup()

    def _failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.lookup_button.setEnabled(True)
        self.status.setText(agent_message(error))

    def lookup(self) -> None:
        number = DEFAULT_RULES.pre_application_number(self.pre_application.text())
        if number is None:
            self.status.setText(message("barcode.not_pre_application"))
            return
        self.pre_application.setText(number)
        self.lookup_button.setEnabled(False)
        self.status.setText(message("pre_application.searching"))
        self.ctx.calls.spawn(pre_application.lookup, self.ctx.config, number, on_done=self._found,
                             on_error=self._failed)

    def _found(self, pre) -> None:
        self.lookup_button.setEnabled(True)
        self.found.emit(pre)

    def show_prefilled(self, filled: int) -> None:
        self.status.setText(message("pre_application.found", count=filled))


class CivilStep(Step):
    key = "etat_civil"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.surname, self.usage_name, self.given_names = _line(), _line(), _line()
        self.sex = QComboBox()
        self.sex.addItem("—", None)
        for s in Sex:
            self.sex.addItem(label(f"civil.sex.{s.value}"), s)
        self.birth_date = QDateEdit()
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1890, 1, 1))
        self.birth_date.setSpecialValueText("jj/mm/aaaa")
        self.birth_place, self.birth_country = _line(), _line()
        self.height = QSpinBox()
        self.height.setRange(0, 250)
        self.height.setSpecialValueText("—")
        self.height.setSuffix(" cm")
        for key, w in (("surname", self.surname), ("usage_name", self.usage_name),
                       ("given_names", self.given_names), ("sex", self.sex), ("birth_date", self.birth_date),
                       ("birth_place", self.birth_place), ("birth_country", self.birth_country),
                       ("height", self.height)):
            f.addRow(label(f"civil.{key}"), w)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        c = d.civil
        self.surname.setText(c.surname)
        self.usage_name.setText(c.usage_name)
        self.given_names.setText(c.given_names)
        self.sex.setCurrentIndex(self.sex.findData(c.sex))
        self.birth_date.setDate(QDate(c.birth_date) if c.birth_date else self.birth_date.minimumDate())
        self.birth_place.setText(c.birth_place)
        self.birth_country.setText(c.birth_country)
        self.height.setValue(c.height_cm or 0)

    def save(self, d: Dossier) -> None:
        c = d.civil
        c.surname = self.surname.text().strip().upper()
        c.usage_name = self.usage_name.text().strip().upper()
        c.given_names = self.given_names.text().strip()
        c.sex = self.sex.currentData()
        qd = self.birth_date.date()
        c.birth_date = None if qd == self.birth_date.minimumDate() else qd.toPython()
        c.birth_place = self.birth_place.text().strip()
        c.birth_country = self.birth_country.text().strip().upper() or "FRANCE"
        c.height_cm = self.height.value() or None


class AddressStep(Step):
    key = "adresse"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.line1, self.line2, self.city = _line(), _line(), _line()
        self.postcode = _line(5)
        self.postcode.setInputMask("99999;_")
        self.phone, self.email = _line(20), _line()
        for key, w in (("address.line1", self.line1), ("address.line2", self.line2),
                       ("address.postcode", self.postcode), ("address.city", self.city),
                       ("contact.phone", self.phone), ("contact.email", self.email)):
            f.addRow(label(key), w)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.line1.setText(d.address.line1)
        self.line2.setText(d.address.line2)
        self.postcode.setText(d.address.postcode)
        self.city.setText(d.address.city)
        self.phone.setText(d.contact.phone)
        self.email.setText(d.contact.email)

    def save(self, d: Dossier) -> None:
        d.address.line1 = self.line1.text().strip()
        d.address.line2 = self.line2.text().strip()
        d.address.postcode = self.postcode.text().strip()
        d.address.city = self.city.text().strip().upper()
        d.contact.phone = normalise_phone(self.phone.text().strip())
        d.contact.email = self.email.text().strip()


class FeeStep(Step):
    key = "timbre"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.amount = self.status
        f = self.form()
        self.stamp = _line(16)
        self.stamp.setInputMask("9999 9999 9999 9999;_")
        f.addRow(label("fee.stamp"), self.stamp)
        self.finish_layout()

    def entered(self) -> None:
        d = self.dossier
        if d is None or d.title is None or d.reason is None or d.civil.birth_date is None:
            self.status.setText(message("fee.unknown"))
            return
        amount = fee_due(d.title, d.reason, d.civil.birth_date, self.ctx.today())
        self.status.setText(message("fee.none") if amount == Decimal(0) else message("fee.due", amount=amount))
        self.stamp.setEnabled(amount > 0)

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.stamp.setText(d.fee_stamp)

    def save(self, d: Dossier) -> None:
        d.fee_stamp = self.stamp.text().replace(" ", "").replace("_", "")
