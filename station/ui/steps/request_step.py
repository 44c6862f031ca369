"""The request step: the title(s) asked, their reasons, the previous title, the pre-application number."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel

from devices.barcode import Barcode
from enrollment.model import Dossier, TitleRequest, TitleType
from enrollment.rules import DEFAULT_RULES

from ... import pre_application
from ...strings import label, message
from ..notifications import agent_message
from ..widgets import button
from .base import Step
from .fields import text_line
from .request_form import RequestForm


class RequestStep(Step):
    key = "demande"
    found = Signal(object)  # the PreApplication: the wizard pre-fills the dossier with it

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        f = self.form()
        self.requests = [RequestForm(), RequestForm()]  # the second for a couplée application
        self.coupled = QCheckBox(label("demande.coupled"))
        self.coupled.toggled.connect(self._show_second)
        self.pre_application = text_line(10)
        self.scan_button = button(label("demande.scan_qr"))
        self.scan_button.clicked.connect(self.scan_qr)
        self.lookup_button = button(label("demande.lookup"))
        self.lookup_button.clicked.connect(self.lookup)
        self.pre_application.returnPressed.connect(self.lookup)
        row = QHBoxLayout()
        row.addWidget(self.pre_application)
        row.addWidget(self.scan_button)
        row.addWidget(self.lookup_button)
        f.addRow(label("demande.pre_application"), row)
        self.appointments = QLabel("")  # the rendez-vous platform's answer on the number
        self.appointments.setWordWrap(True)
        f.addRow("", self.appointments)
        f.addRow(self.requests[0])
        f.addRow(self.coupled)
        f.addRow(self.requests[1])
        self.requests[1].setVisible(False)
        self.finish_layout()

    # Kept for the screens and tests that speak of the first request's boxes.
    @property
    def title_box(self) -> QComboBox:
        return self.requests[0].title_box

    @property
    def reason_box(self) -> QComboBox:
        return self.requests[0].reason_box

    def _show_second(self, on: bool) -> None:
        self.requests[1].setVisible(on)
        if on:  # the other title than the first's
            first = TitleType(self.requests[0].title_box.currentData())  # Qt hands the enum back as its text
            other = TitleType.PASSPORT if first is TitleType.CNI else TitleType.CNI
            self.requests[1].title_box.setCurrentIndex(self.requests[1].title_box.findData(other))

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.coupled.setChecked(len(d.requests) > 1)  # first: ticking it proposes a second title, loaded over
        self.requests[0].load(d.requests[0], TitleType.CNI)
        second = d.requests[1] if len(d.requests) > 1 else TitleRequest()
        self.requests[1].load(second, TitleType.PASSPORT)
        self.requests[1].setVisible(len(d.requests) > 1)
        self.pre_application.setText(d.pre_application)

    def save(self, d: Dossier) -> None:
        wanted = 2 if self.coupled.isChecked() else 1
        requests = [d.requests[i] if i < len(d.requests) else TitleRequest() for i in range(wanted)]
        for form, request in zip(self.requests, requests, strict=False):
            form.save(request)
        d.requests = requests
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
        # The rendez-vous platform is asked too, whatever the CERT answers: it is another service.
        self.appointments.setText("")
        self.ctx.calls.spawn(pre_application.check_appointments, self.ctx.config, number,
                             on_done=self._appointments, on_error=lambda e: self.appointments.setText(agent_message(e)))

    def _found(self, pre) -> None:
        self.lookup_button.setEnabled(True)
        self.found.emit(pre)

    def _appointments(self, verdict) -> None:
        """The platform's answer: other appointments under the same number are for the applicant to cancel."""
        self.appointments.setText(message("appointments.not_configured") if verdict is None else verdict.message)

    def show_prefilled(self, filled: int) -> None:
        self.status.setText(message("pre_application.found", count=filled))
