"""The address and contact step."""

from __future__ import annotations

from enrollment.model import Dossier
from enrollment.validation import normalise_phone

from ...strings import label
from .base import Step
from .fields import text_line


class AddressStep(Step):
    key = "adresse"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.line1, self.line2, self.city = text_line(), text_line(), text_line()
        self.postcode = text_line(5)
        self.postcode.setInputMask("99999;_")
        self.phone, self.email = text_line(20), text_line()
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
