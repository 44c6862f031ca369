"""Home: start, resume or abandon an application, see transmissions, log out."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from enrollment.audit import AuditEvent
from enrollment.workflow import EDITABLE, STATE_LABELS

from ..context import StationContext
from ..outbox_status import OutboxSummary, read_summary
from ..strings import label, message
from .abandon_dialog import AbandonDialog
from .outbox_panel import OutboxPanel
from .widgets import button, hint, title

log = logging.getLogger(__name__)


class HomePage(QWidget):
    new_requested = Signal()
    resume_requested = Signal(str)  # dossier id
    transmissions_requested = Signal()
    reception_requested = Signal()
    titles_requested = Signal()
    handover_requested = Signal()
    diagnostics_requested = Signal()
    logout_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.welcome = title("")
        self.role_hint = hint("")
        self.outbox = OutboxPanel(compact=True)  # the alert when a dossier waits too long, else a discreet count
        self.new_button = button(label("home.new"), primary=True)
        self.new_button.clicked.connect(self.new_requested)
        self.transmissions_button = button(label("home.transmissions"))
        self.transmissions_button.clicked.connect(self.transmissions_requested)
        self.reception_button = button(label("home.reception"))
        self.reception_button.clicked.connect(self.reception_requested)
        self.titles_button = button(label("home.titles"))
        self.titles_button.clicked.connect(self.titles_requested)
        self.handover_button = button(label("home.handover"))
        self.handover_button.clicked.connect(self.handover_requested)
        self.diagnostics_button = button(label("home.diagnostics"))
        self.diagnostics_button.clicked.connect(self.diagnostics_requested)
        self.logout_button = button(label("home.logout"))
        self.logout_button.clicked.connect(self.logout_requested)

        self.drafts = QListWidget()
        self.drafts.itemActivated.connect(lambda item: self.resume_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.resume_button = button(label("home.resume"))
        self.resume_button.clicked.connect(self._resume_selected)
        self.abandon_button = button(label("home.abandon"))
        self.abandon_button.clicked.connect(self._abandon_selected)
        self._dialog: AbandonDialog | None = None

        actions = QHBoxLayout()
        for b in (self.new_button, self.transmissions_button, self.diagnostics_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.logout_button)
        delivery = QHBoxLayout()  # the other half of the counter: titles that come back for their holders
        for b in (self.reception_button, self.titles_button, self.handover_button):
            delivery.addWidget(b)
        delivery.addStretch(1)

        box = QVBoxLayout(self)
        box.addWidget(self.welcome)
        box.addWidget(self.role_hint)
        box.addWidget(self.outbox)
        box.addLayout(actions)
        box.addLayout(delivery)
        box.addSpacing(16)
        self.drafts_title = hint(label("home.drafts"))
        box.addWidget(self.drafts_title)
        box.addWidget(self.drafts, 1)
        drafts_actions = QHBoxLayout()
        drafts_actions.addWidget(self.resume_button)
        drafts_actions.addWidget(self.abandon_button)
        drafts_actions.addStretch(1)
        box.addLayout(drafts_actions)

    def activate(self) -> None:
        session = self.ctx.session
        assert session is not None
        self.welcome.setText(label("home.welcome", name=session.display_name))
        enroll = session.may_enroll
        self.role_hint.setText("" if enroll else message("role.no_dossiers"))
        for w in (self.new_button, self.reception_button, self.titles_button, self.handover_button,
                  self.transmissions_button, self.drafts,
                  self.resume_button, self.abandon_button,
                  self.drafts_title):
            w.setVisible(enroll)
        self.diagnostics_button.setVisible(session.role in ("technicien", "superviseur"))
        self._list_drafts(enroll)
        self.show_outbox(read_summary(self.ctx.store, self.ctx.config.outbox.alert_after_minutes))
        (self.new_button if enroll else self.logout_button).setFocus()

    def deactivate(self) -> None:
        """Another page is shown (the station locks, the agent logs out): the dialog, which names the
        draft's applicant, must not stay open over it."""
        if self._dialog is not None:
            self._dialog.reject()

    def show_outbox(self, summary: OutboxSummary) -> None:
        self.outbox.show_summary(summary)

    def _list_drafts(self, enroll: bool) -> None:
        self.drafts.clear()
        if enroll:
            for s in self.ctx.store.dossiers.summaries():
                if s.state in EDITABLE:
                    applicant = s.applicant or label("home.draft_no_name")
                    text = f"{s.updated_at.astimezone():%d/%m/%Y %H:%M} — {applicant} — {STATE_LABELS[s.state]}"
                    item = QListWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, s.id)
                    self.drafts.addItem(item)
        self.drafts.setCurrentRow(0 if self.drafts.count() else -1)  # the draft a button acts on is shown
        self.resume_button.setEnabled(self.drafts.count() > 0)
        self.abandon_button.setEnabled(self.drafts.count() > 0)

    def _abandon_selected(self) -> None:
        session, item = self.ctx.session, self.drafts.currentItem()
        if session is None or not session.may_enroll or item is None:
            return
        self._dialog = AbandonDialog(item.text(), self)
        try:
            reason = self._dialog.ask()
        finally:
            self._dialog.deleteLater()
            self._dialog = None
        if reason is None or self.ctx.session is not session:  # cancelled, or the station locked meanwhile
            return
        dossier_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            self.ctx.store.discards.abandon(dossier_id, session.agent_id, reason)
        except Exception as exc:  # e.g. sealed meanwhile: the agent is told, nothing is lost
            self.ctx.notifications.error(exc, "home")
        else:
            log.info("draft abandoned", extra={"event": "draft.abandoned", "dossier_id": dossier_id,
                                               "agent_id": session.agent_id, "code": reason.value})
            self.ctx.audit.record(AuditEvent.DOSSIER_ABANDONED, session.agent_id, dossier_id=dossier_id,
                                  reason=reason.value)
            self.ctx.notifications.info(message("draft.abandoned"))
        self._list_drafts(True)

    def _resume_selected(self) -> None:
        item = self.drafts.currentItem() or self.drafts.item(0)
        if item is not None:
            self.resume_requested.emit(item.data(Qt.ItemDataRole.UserRole))
