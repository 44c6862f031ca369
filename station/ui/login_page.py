"""Login and unlock: insert the agent card, type the PIN, the card proves itself (see station.auth).

When the station is locked, the same page asks for the card of the agent whose session it holds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from enrollment.audit import AuditEvent

from ..errors import AuthError
from ..strings import label, message
from .card_presence import CardPresence
from .notifications import agent_message
from .widgets import button, hint, title

if TYPE_CHECKING:
    from ..auth import AgentSession
    from ..context import StationContext


class LoginPage(QWidget):
    logged_in = Signal(object)  # AgentSession

    def __init__(self, ctx: StationContext, presence: CardPresence) -> None:
        super().__init__()
        self.ctx = ctx
        self.presence = presence
        presence.inserted.connect(lambda: self.card_changed(True))
        presence.removed.connect(lambda: self.card_changed(False))
        presence.failed.connect(self.reader_failed)
        presence.recovered.connect(lambda: self.card_changed(self.card_present))
        self._checking = False
        self._active = False
        self.locked_by: AgentSession | None = None
        self._note = ""  # why the station locked, shown until the next session opens

        self.heading = title(label("login.title"))
        self.status = hint(message("auth.insert_card"))
        self.status.setFixedWidth(640)
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
        form.setFormAlignment(Qt.AlignmentFlag.AlignHCenter)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.heading, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(12)
        box.addWidget(self.status, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(12)
        box.addLayout(form)
        box.addWidget(self.submit_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self._show_card(False)

    @property
    def card_present(self) -> bool:
        return bool(self.presence.present)

    def activate(self, locked_by: AgentSession | None = None, reason: str = "") -> None:
        self._active = True
        self.locked_by = locked_by
        self._note = reason
        self.heading.setText(label("login.locked") if locked_by else label("login.title"))
        self._show_card(self.card_present)

    def deactivate(self) -> None:
        self._active = False
        self.pin.clear()

    def card_changed(self, present: bool) -> None:
        if self._active:
            self._show_card(present)

    def reader_failed(self, error: BaseException) -> None:
        if self._active:
            self.status.setText(agent_message(error))

    def _idle_text(self) -> str:
        if self.locked_by is not None:
            return message("auth.locked", name=self.locked_by.display_name)
        return message("auth.insert_card")

    def _show_card(self, present: bool) -> None:
        self.pin.setEnabled(present and not self._checking)
        self.submit_button.setEnabled(present and not self._checking)
        if present:
            self.pin.setFocus()
        else:
            self.pin.clear()
        text = message("auth.enter_pin") if present else self._idle_text()
        self.status.setText("\n".join(t for t in (self._note, text) if t))

    def submit(self) -> None:
        if not self.card_present or self._checking:
            return
        pin = self.pin.text()
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            self.status.setText(message("auth.pin_empty"))
            return
        self._checking = True
        self.pin.clear()  # the PIN lives only in this call's arguments from here on
        self.pin.setEnabled(False)
        self.submit_button.setEnabled(False)
        self.status.setText(message("auth.checking"))
        if self.ctx.revocation.status(datetime.now(UTC)).ok:
            self._authenticate(pin)
        else:  # first start, or a stale list: fetch it first, then judge the card
            self.ctx.calls.spawn(self.ctx.refresh_revocation, on_done=lambda _: self._authenticate(pin),
                                 on_error=lambda _: self._authenticate(pin))

    def _authenticate(self, pin: str) -> None:
        from ..auth import authenticate  # with the card check's cryptography, after the login screen is up

        card = self.ctx.devices.smartcard
        future = card.worker.submit(
            authenticate, card.driver, pin, self.ctx.agent_ca, self.ctx.config.mairie_insee, self.ctx.revocation
        )
        self.ctx.calls.run(future, self._authenticated, self._refused)

    def _authenticated(self, session: AgentSession) -> None:
        self._checking = False
        self.logged_in.emit(session)

    def _refused(self, error: BaseException) -> None:
        """A card and PIN that did not open a session: said to the agent, and recorded (the reason's code,
        and the card's agent when its certificate names one the agent CA issued)."""
        code = getattr(error, "code", None)
        if isinstance(code, str):
            agent_id = error.agent_id if isinstance(error, AuthError) else None
            try:
                self.ctx.audit.record(AuditEvent.LOGIN_REFUSED, agent_id, reason=code)
            except ValueError:  # a card's serial number that is no identifier: the refusal without it
                self.ctx.audit.record(AuditEvent.LOGIN_REFUSED, reason=code)
        self.refuse(error)

    def refuse(self, error: BaseException | str) -> None:
        self._checking = False
        self._show_card(self.card_present)
        self.status.setText(error if isinstance(error, str) else agent_message(error))
        self.pin.setFocus()
