"""Login: insert the agent card, type the PIN, the card proves itself (see station.auth)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ..auth import AgentSession, authenticate
from ..context import StationContext
from ..notifications import agent_message
from ..strings import label, message
from .widgets import button, hint, title

CARD_POLL_MS = 300


class LoginPage(QWidget):
    logged_in = Signal(object)  # AgentSession

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._card_present = False
        self._polling = False
        self._checking = False

        self.status = hint(message("auth.insert_card"))
        self.status.setFixedWidth(560)
        self.status.setMinimumHeight(48)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText("••••")
        self.pin.setFixedWidth(180)
        self.pin.returnPressed.connect(self.submit)
        self.submit_button = button(label("login.submit"), primary=True)
        self.submit_button.clicked.connect(self.submit)

        form = QFormLayout()
        form.addRow(label("login.pin"), self.pin)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(title(label("login.title")), alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(12)
        box.addWidget(self.status, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(12)
        box.addLayout(form)
        form.setFormAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.submit_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)

        self.timer = QTimer(self)
        self.timer.setInterval(CARD_POLL_MS)
        self.timer.timeout.connect(self._poll_card)
        self._show_card(False)

    def activate(self) -> None:
        self.pin.clear()
        self._card_present = False
        self._show_card(False)
        self.timer.start()
        self._poll_card()

    def deactivate(self) -> None:
        self.timer.stop()

    def _poll_card(self) -> None:
        if self._polling or self._checking:
            return
        self._polling = True
        self.ctx.calls.run(self.ctx.devices.smartcard.call("card_present"), self._polled, self._poll_failed)

    def _polled(self, present: bool) -> None:
        self._polling = False
        if present != self._card_present:
            self._card_present = present
            self._show_card(present)

    def _poll_failed(self, error: BaseException) -> None:
        self._polling = False
        self._card_present = False
        self._show_card(False)
        self.status.setText(agent_message(error))

    def _show_card(self, present: bool) -> None:
        self.pin.setEnabled(present)
        self.submit_button.setEnabled(present)
        if present:
            self.status.setText(message("auth.enter_pin"))
            self.pin.setFocus()
        else:
            self.pin.clear()
            self.status.setText(message("auth.insert_card"))

    def submit(self) -> None:
        if not self._card_present or self._checking:
            return
        pin = self.pin.text()
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            self.status.setText(message("auth.pin_empty"))
            return
        self._checking = True
        self.pin.clear()  # the PIN lives only in this call's arguments from here on
        self.submit_button.setEnabled(False)
        self.status.setText(message("auth.checking"))
        card = self.ctx.devices.smartcard
        future = card.worker.submit(
            authenticate, card.driver, pin, self.ctx.agent_ca, self.ctx.config.mairie_insee
        )
        del pin
        self.ctx.calls.run(future, self._authenticated, self._refused)

    def _authenticated(self, session: AgentSession) -> None:
        self._checking = False
        self.timer.stop()
        self.logged_in.emit(session)

    def _refused(self, error: BaseException) -> None:
        self._checking = False
        self.submit_button.setEnabled(self._card_present)
        self.status.setText(agent_message(error))
        self.pin.setFocus()
