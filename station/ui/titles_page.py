"""Titres en attente: the titles received at this mairie and not handed over, overdue first, with the days
left to collect each; search by name or number, the availability SMS sent again, and (supervisor) an
overdue title returned to the CERT for destruction. The list comes from the CERT and is kept in the store
for when the CERT cannot be reached (station/waiting_titles.py)."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from enrollment.audit import AuditEvent
from sync.errors import SyncError

from .. import waiting_titles
from ..context import cert_client
from ..errors import StationError
from ..strings import label, message
from .card_pin_prompt import retried_with_pin
from .widgets import button, hint, read_only_table, title

if TYPE_CHECKING:
    from sync.delivery_replies import WaitingTitle

    from ..context import StationContext
    from ..waiting_titles import WaitingList

log = logging.getLogger(__name__)
OVERDUE_RED = QColor("#ce0500")


class TitlesPage(QWidget):
    home_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.titles: list[WaitingTitle] = []
        self._note = ""  # what the last action did, shown above the refreshed list's line
        self.status = hint("")
        self.status.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(label("titles.search"))
        self.search.textChanged.connect(lambda _text: self._fill())
        self.table = read_only_table([label(f"titles.col.{c}") for c in
                                      ("holder", "title", "received", "deadline", "left", "sms")], stretch=0)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh_button = button(label("titles.refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.reminder_button = button(label("titles.reminder"))
        self.reminder_button.clicked.connect(self._send_reminder)
        self.return_button = button(label("titles.return"))
        self.return_button.clicked.connect(self._return_selected)
        self.home_button = button(label("titles.home"))
        self.home_button.clicked.connect(self.home_requested)

        actions = QHBoxLayout()
        for b in (self.refresh_button, self.reminder_button, self.return_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.home_button)
        box = QVBoxLayout(self)
        box.addWidget(title(label("titles.title")))
        box.addWidget(self.status)
        box.addWidget(self.search)
        box.addWidget(self.table, 1)
        box.addLayout(actions)

    def activate(self) -> None:
        self.search.clear()
        self._show(waiting_titles.kept(self.ctx.store))
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setText(message("titles.refreshing"))
        self.ctx.calls.spawn(lambda: waiting_titles.refresh(self.ctx.config, self.ctx.store),
                             on_done=self._show, on_error=self._failed)

    # The list ------------------------------------------------------------------------------------------

    def _show(self, waiting: WaitingList) -> None:
        self.refresh_button.setEnabled(True)
        self.titles = waiting.titles
        when = label("delivery.when", at=waiting.listed_at.astimezone()) if waiting.listed_at else None
        if waiting.problem is not None:
            line = message("titles.kept", reason=waiting.problem.message, when=when or label("titles.never"))
        else:
            line = message("titles.listed", count=len(self.titles), overdue=sum(t.overdue for t in self.titles),
                           when=when or "")
        self.status.setText("\n".join(t for t in (self._note, line) if t))
        self._note = ""
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        log.warning("waiting titles not listed", extra={"event": "titles.failed",
                                                       "code": getattr(exc, "code", type(exc).__name__)})
        self.status.setText(getattr(exc, "message", message("titles.failed")))

    def shown(self) -> list[WaitingTitle]:
        return [t for t in self.titles if waiting_titles.matches(t, self.search.text())]

    def _fill(self) -> None:
        rows = self.shown()
        today = date.today()
        self.table.setRowCount(len(rows))
        for row, t in enumerate(rows):
            left = waiting_titles.days_left(t, today)
            cells = [
                _holder(t),
                label(f"titles.kind.{t.kind}", number=t.number),
                f"{t.received_at.astimezone():%d/%m/%Y}",
                f"{t.collect_before.astimezone():%d/%m/%Y}",
                label("titles.overdue", days=-left) if t.overdue else label("titles.left", days=left),
                label("titles.sms.reminded" if t.sms.reminders else f"titles.sms.{t.sms.state}",
                      reminders=t.sms.reminders),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.number)
                if t.overdue:
                    item.setForeground(OVERDUE_RED)
                self.table.setItem(row, col, item)
        self._selection_changed()

    def selected(self) -> WaitingTitle | None:
        item = self.table.currentItem()
        number = item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None
        return next((t for t in self.titles if t.number == number), None)

    def _selection_changed(self) -> None:
        chosen, session = self.selected(), self.ctx.session
        self.reminder_button.setEnabled(chosen is not None and not chosen.overdue)
        supervisor = session is not None and session.role == "superviseur"
        self.return_button.setVisible(supervisor)
        self.return_button.setEnabled(supervisor and chosen is not None and chosen.overdue)

    # Actions -------------------------------------------------------------------------------------------

    def _send_reminder(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        number = chosen.number

        def send() -> object:
            from sync.delivery import send_reminder

            with cert_client(self.ctx.config) as client:
                return send_reminder(client, number)

        self.reminder_button.setEnabled(False)
        self.ctx.calls.spawn(send, on_done=lambda _r: self._done(message("titles.reminder_sent")),
                             on_error=self._action_failed)

    def _return_selected(self) -> None:
        chosen, session = self.selected(), self.ctx.session
        if chosen is None or session is None or session.role != "superviseur":
            return
        reason, ok = QInputDialog.getText(self, label("titles.return"), message("titles.return_reason",
                                                                                  title=_holder(chosen)))
        if not ok or not reason.strip():
            return
        self._send_return(chosen.number, session.agent_id, reason.strip())

    def _send_return(self, number: str, supervisor: str, reason: str, pin: str | None = None) -> None:
        """The supervisor's card signs the decision (`pin` for a card that asks it at every signature)."""
        card = self.ctx.agent(pin)

        def send() -> object:
            from sync.delivery import return_title

            with cert_client(self.ctx.config) as client:
                return return_title(client, number, supervisor, reason, card)

        def failed(exc: BaseException) -> None:
            if not retried_with_pin(self, exc, lambda typed: self._send_return(number, supervisor, reason, typed)):
                self._action_failed(exc)

        self.return_button.setEnabled(False)
        self.ctx.calls.spawn(send, on_done=lambda _r: self._returned(number, supervisor), on_error=failed)

    def _returned(self, number: str, supervisor: str) -> None:
        log.info("title returned to the CERT", extra={"event": "titles.returned"})
        self.ctx.audit.record(AuditEvent.TITLE_RETURNED, supervisor, title_number=number)
        self.ctx.store.waiting_titles.remove(number)
        self._done(message("titles.returned"))

    def _done(self, text: str) -> None:
        self._note = text
        self.refresh()

    def _action_failed(self, exc: BaseException) -> None:
        self._selection_changed()
        # The CERT's answer, or the card's (removed, PIN): each says what to do next.
        text = getattr(exc, "message", "") if isinstance(exc, (SyncError, StationError)) else ""
        self.status.setText(text or message("titles.failed"))


def _holder(t: WaitingTitle) -> str:
    names = t.holder
    return f"{names.surname} {names.given_names}" if names else label("titles.no_holder")
