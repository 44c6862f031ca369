"""The station window: a header (station, agent, outbox), a notification banner and one page at a time."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from enrollment.audit import AuditEvent
from enrollment.errors import StoreError

from ..strings import label, message
from . import engines_warmup, session_pages, tablet_window, wedge_filter
from .banner import Banner
from .card_presence import CardPresence
from .header import Header
from .inactivity import InactivityWatch
from .login_page import LoginPage
from .style import STYLESHEET

if TYPE_CHECKING:
    from ..auth import AgentSession
    from ..context import StationContext
    from ..outbox_status import OutboxSummary
    from .diagnostics_page import DiagnosticsPage
    from .handover_page import HandoverPage
    from .home_page import HomePage
    from .reception_page import ReceptionPage
    from .session_pages import SessionPages
    from .titles_page import TitlesPage
    from .transmissions_page import TransmissionsPage
    from .wizard_page import WizardPage

log = logging.getLogger(__name__)
REVOCATION_REFRESH_MS = 3600 * 1000  # the agent CA publishes weekly; hourly keeps revocations prompt
# The outbox is also refreshed after every send attempt (the worker's listener); the timer only moves the
# "waiting since" ages on and catches the alert delay passing while nothing is tried.
OUTBOX_REFRESH_MS = 30_000
# The engines' warm-up waits this long after the window first shows, so that the login screen's first frames
# are drawn before it competes with them for the interpreter; the agent takes seconds to insert the card.
ENGINES_WARMUP_DELAY_MS = 300
# The rest of the station (store, outbox: station/context.py) is opened, then the pages behind the login screen
# (home, wizard, transmissions, diagnostics) are built, this long after the window first shows, so the login
# screen is drawn first; a page asked for before is built at once.
PAGES_DELAY_MS = 50
# How often an idle window lets the update thread install a staged release (station/updates/worker.py).
UPDATE_IDLE_MS = 60_000


class MainWindow(QMainWindow):
    outbox_changed = Signal()  # emitted from the outbox worker's thread; delivered on the GUI thread
    revocation_installed = Signal()  # emitted from whichever thread installed a new list
    open_failed = Signal(object)  # StoreError: the station's store could not be opened (station/app.py)
    update_event = Signal(str, str, str)  # kind, version, detail: from the update thread (station/updates/)

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(label("app.title"))
        self.setStyleSheet(STYLESHEET)
        self.resize(1280, 800)

        header = Header(ctx.config)
        self.header_agent, self.header_outbox = header.agent, header.outbox

        self.banner = Banner()
        ctx.notifications.shown.connect(self.banner.announce)

        # A keyboard-wedge barcode reader types its codes: they are caught before any field sees them.
        self.wedge = wedge_filter.install(ctx.devices.barcode.driver, self)
        # The system's pen tablet signs in the applicant's own window, shown while the pad captures.
        self.tablet = tablet_window.install(ctx.devices.signature_pad.driver, self)
        self.presence = CardPresence(ctx.calls, ctx.devices.smartcard)
        self.presence.removed.connect(self.card_removed)
        self.inactivity = InactivityWatch(ctx.config.auth.inactivity_timeout_s)
        self.inactivity.expired.connect(lambda: self.lock("inactivity"))
        self.revocation_timer = QTimer(self)
        self.revocation_timer.setInterval(REVOCATION_REFRESH_MS)
        self.revocation_timer.timeout.connect(self.refresh_revocation)
        self._resume_page: QWidget | None = None
        self._held: QWidget | None = None  # a page whose task survives the lock (keep_on_lock), as it was
        self._stepped_in = False  # the session is a supervisor's, opened on another agent's locked station
        # Closed: a signal another thread emitted just before the close may still be delivered, after the
        # station's store has closed; the slots it reaches then do nothing.
        self._closed = False
        self._engines_warming = False
        self.login = LoginPage(ctx, self.presence)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.login)
        self.login.logged_in.connect(self.on_login)
        self._session_pages: SessionPages | None = None
        self._summary: OutboxSummary | None = None

        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(header)
        v.addWidget(self.banner)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(24, 16, 24, 16)
        bl.addWidget(self.pages)
        v.addWidget(body, 1)
        self.setCentralWidget(central)

        self._outbox_overdue = False
        self.outbox_timer = QTimer(self)
        self.outbox_timer.setInterval(OUTBOX_REFRESH_MS)
        self.outbox_timer.timeout.connect(self.refresh_outbox)
        self.outbox_changed.connect(self.refresh_outbox)
        self._outbox_listener = self.outbox_changed.emit
        self.revocation_installed.connect(self.end_revoked_session)
        self._revocation_listener = self.revocation_installed.emit
        self.update_timer = QTimer(self)
        self.update_timer.setInterval(UPDATE_IDLE_MS)
        self.update_timer.timeout.connect(self.offer_idle_moment)
        self.update_event.connect(self.announce_update)
        self._attached = False
        self.show_page(self.login)
        self.presence.start()
        if ctx.opened:
            self._attach_station()

    def open_station(self) -> bool:
        """Open the rest of the station (station/context.py) and follow its outbox and revocation list;
        False, and `open_failed` emitted, when the store cannot be opened."""
        try:
            self.ctx.finish_opening()
        except StoreError as exc:
            self.open_failed.emit(exc)
            return False
        self._attach_station()
        return True

    def _attach_station(self) -> None:
        if self._attached:
            return
        self._attached = True
        self.ctx.outbox.listeners.append(self._outbox_listener)
        self.refresh_outbox()
        self.outbox_timer.start()
        self.ctx.revocation.listeners.append(self._revocation_listener)
        self.revocation_timer.start()
        self.refresh_revocation()
        self.ctx.updates.listener = self.update_event.emit
        self.update_timer.start()
        started = self.ctx.updates.service.take_start_outcome()  # this start confirmed or undid an update
        if started is not None:
            self.announce_update(*started, "")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._engines_warming:
            self._engines_warming = True
            if not self._attached:  # after the login screen's first frames, before the pages that read the store
                QTimer.singleShot(PAGES_DELAY_MS, self, self.open_station)
            # Neither runs for a window closed meanwhile (a store that could not be opened closes it).
            QTimer.singleShot(PAGES_DELAY_MS, self, lambda: self.isVisible() and self._build_session_pages())
            QTimer.singleShot(ENGINES_WARMUP_DELAY_MS, self,
                              lambda: self.isVisible() and engines_warmup.start(self.ctx.calls))

    def _build_session_pages(self) -> SessionPages:
        if self._session_pages is None:
            self._session_pages = session_pages.build(self)
            if self._summary is not None:
                self._session_pages.show_outbox(self._summary)
        return self._session_pages

    @property
    def home(self) -> HomePage:
        return self._build_session_pages().home

    @property
    def wizard(self) -> WizardPage:
        return self._build_session_pages().wizard

    @property
    def transmissions(self) -> TransmissionsPage:
        return self._build_session_pages().transmissions

    @property
    def diagnostics(self) -> DiagnosticsPage:
        return self._build_session_pages().diagnostics

    @property
    def reception(self) -> ReceptionPage:
        return self._build_session_pages().reception

    @property
    def titles(self) -> TitlesPage:
        return self._build_session_pages().titles

    @property
    def handover(self) -> HandoverPage:
        return self._build_session_pages().handover

    def _suspend_wizard(self) -> None:
        if self._session_pages is not None:  # no page built, no dossier open
            self._session_pages.wizard.suspend()

    def show_page(self, page: QWidget) -> None:
        current = self.pages.currentWidget()
        if current is not page and hasattr(current, "deactivate"):
            current.deactivate()
        self.pages.setCurrentWidget(page)
        if hasattr(page, "activate"):
            page.activate()
        log.info("screen shown", extra={"event": "screen", "screen": type(page).__name__})

    def refresh_outbox(self) -> None:
        from .transmissions_page import outbox_summary

        if self._closed:
            return

        summary = self._summary = outbox_summary(self.ctx)
        self.header_outbox.setText(summary.headline)
        if self._session_pages is not None:  # else they show it when they are built
            self._session_pages.show_outbox(summary)
        # The banner announces the alert once, when it starts; the pages keep showing it until it clears.
        if summary.overdue and not self._outbox_overdue and summary.alert_line:
            log.warning("outbox alert raised", extra={"event": "outbox.overdue", "count": summary.count})
            self.ctx.notifications.warning(summary.alert_line)
        self._outbox_overdue = summary.overdue

    @property
    def locked(self) -> bool:
        return self.login.locked_by is not None

    def on_login(self, session: AgentSession) -> None:
        locked_by = self.login.locked_by
        if locked_by is not None and session.certificate_sha256 != locked_by.certificate_sha256:
            if not self._may_step_in(session):
                log.warning("unlock refused: another agent's card", extra={"event": "unlock_refused",
                                                                          "agent_id": session.agent_id})
                self.ctx.audit.record(AuditEvent.UNLOCK_REFUSED, session.agent_id, reason="other_agent")
                self.ctx.devices.smartcard.call("disconnect")
                self.login.refuse(message("auth.locked_other", name=locked_by.display_name))
                return
            # The locked agent's session ends here (its draft was saved at the lock); the supervisor's
            # lasts while their card stays in.
            log.info("supervisor stepped in", extra={"event": "supervisor_step_in", "agent_id": session.agent_id})
            self.ctx.audit.record(AuditEvent.SUPERVISOR_STEP_IN, session.agent_id)
            self._stepped_in = True
        self.ctx.session = session
        self.header_agent.setText(label("header.agent", name=session.display_name, role=session.role_label))
        self.inactivity.start()
        if locked_by is None or not self._stepped_in:  # a supervisor stepping in was recorded as such
            self.ctx.audit.record(AuditEvent.LOGIN if locked_by is None else AuditEvent.UNLOCK, session.agent_id)
        if locked_by is not None:
            log.info("session unlocked", extra={"event": "unlock", "agent_id": session.agent_id})
            self.login.locked_by = None
            page, self._resume_page = self._resume_page or self.home, None
            if page is self._held:
                self._held = None
                self.pages.setCurrentWidget(page)
                page.session_changed()  # type: ignore[attr-defined]
                return
            self.show_page(page)
            if page is self.wizard:
                self.wizard.resume()
        else:
            self.show_page(self.home)

    def _may_step_in(self, session: AgentSession) -> bool:
        """A supervisor's card opens another agent's locked station only to decide a hand-over whose
        fingerprint presentations all failed; everything else of a locked session stays its agent's."""
        held = self._held
        return (session.role == "superviseur" and held is not None and held is self._resume_page
                and getattr(held, "awaits_supervisor", False))

    def card_removed(self) -> None:
        if self.ctx.session is not None:
            self.lock("card_removed")  # a supervisor who stepped in is logged out there instead

    def lock(self, reason: str) -> None:
        """Hide everything, keep the draft, and wait for the same agent's card and PIN."""
        session = self.ctx.session
        if session is None:
            return
        self._suspend_wizard()
        self.inactivity.stop()
        current = self.pages.currentWidget()
        self._resume_page = current if current is not self.login else self.home
        self.ctx.session = None
        self.ctx.devices.smartcard.call("disconnect")
        log.info("session locked", extra={"event": "lock", "code": reason, "agent_id": session.agent_id})
        self.ctx.audit.record(AuditEvent.LOCK, session.agent_id, reason=reason)
        self.banner.hide()  # what it said belonged to the session now hidden
        if self._stepped_in:  # a supervisor's session is not kept for them: it ends
            self._resume_page = None
            self.logout()
            self.login.activate(reason=message("lock.supervisor_left"))
            return
        if getattr(current, "keep_on_lock", False):
            self._held = current
            self.pages.setCurrentWidget(self.login)  # hidden, not reset
        else:
            self.show_page(self.login)
        self.login.activate(locked_by=session, reason=message(f"lock.{reason}"))

    def refresh_revocation(self) -> None:
        self.ctx.calls.spawn(self.ctx.refresh_revocation, on_done=lambda _: None,
                             on_error=lambda e: log.warning("revocation list refresh failed", extra={
                                 "event": "crl.refresh_failed", "code": getattr(e, "code", type(e).__name__)}))

    def end_revoked_session(self) -> None:
        """A newer list revokes the card of the open (or locked) session: end it now, draft saved, and say
        why. Logged out rather than locked: the card can never unlock it, and a lock would hold the station."""
        session = self.ctx.session or self.login.locked_by
        if self._closed or session is None or not self.ctx.revocation.is_revoked(session.certificate_serial):
            return
        log.warning("session ended: card revoked", extra={"event": "session_revoked", "agent_id": session.agent_id})
        self.ctx.audit.record(AuditEvent.SESSION_REVOKED, session.agent_id)
        text = message("lock.revoked", name=session.display_name)
        self.logout()
        self._resume_page = None
        self.login.activate(reason=text)
        self.ctx.notifications.warning(text)

    def new_application(self) -> None:
        session = self.ctx.session
        if session is None or not session.may_enroll:
            return
        from enrollment import workflow

        from ..errors import StationError

        try:  # a reference list past its limit (fees, communes…): no new dossier until it is refreshed
            self.ctx.check_can_enroll()
        except StationError as exc:
            self.ctx.notifications.error(exc, "home")
            return
        dossier = workflow.start(session.agent_id)
        self.ctx.store.dossiers.save_draft(dossier)
        self.ctx.audit.record(AuditEvent.DOSSIER_CREATED, session.agent_id, dossier_id=dossier.id)
        self.wizard.open(dossier)
        self.show_page(self.wizard)

    def resume_application(self, dossier_id: str) -> None:
        session = self.ctx.session
        if session is None or not session.may_enroll:
            return
        from enrollment import workflow

        try:
            dossier = self.ctx.store.dossiers.load(dossier_id)
            workflow.reopen(dossier, session.agent_id)  # a draft again, and its agent of record is who resumed it
            self.ctx.store.dossiers.save_draft(dossier)
            self.ctx.audit.record(AuditEvent.DOSSIER_RESUMED, session.agent_id, dossier_id=dossier.id)
        except Exception as exc:
            self.ctx.notifications.error(exc, "home")
            return
        self.wizard.open(dossier)
        self.show_page(self.wizard)

    def logout(self) -> None:
        self._suspend_wizard()
        self._stepped_in = False
        if self._held is not None:  # a held task ends with the session
            self._held.deactivate()  # type: ignore[attr-defined]
            self._held = None
        self.inactivity.stop()
        self.ctx.devices.smartcard.call("disconnect")
        log.info("agent session closed", extra={"event": "logout"})
        if self.ctx.session is not None:  # a supervisor's session that ended with their card was locked first
            self.ctx.audit.record(AuditEvent.LOGOUT, self.ctx.session.agent_id)
        self.ctx.session = None
        self.header_agent.setText("")
        self.show_page(self.login)

    @property
    def idle(self) -> bool:
        """No enrollment nor hand-over under way: the login screen or the home page shows, and no page's task
        is held behind a lock."""
        current = self.pages.currentWidget()
        home = self._session_pages.home if self._session_pages is not None else None
        return self._held is None and self._resume_page is None and current in (self.login, home)

    def offer_idle_moment(self) -> None:
        if self.idle:
            self.ctx.updates.idle()

    def announce_update(self, kind: str, version: str, detail: str) -> None:
        if kind == "ready":
            self.ctx.notifications.info(message("update.ready", version=version))
        elif kind == "installed":
            self.ctx.notifications.info(message("update.installed", version=version))
        elif kind == "confirmed":
            self.ctx.notifications.info(message("update.confirmed", version=version))
        elif kind == "rolled_back":
            self.ctx.notifications.warning(message("update.rolled_back", version=version))
        elif kind == "refused":
            self.ctx.notifications.warning(message("update.refused", version=version, reason=message(detail)))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._closed = True
        self._suspend_wizard()
        self.outbox_timer.stop()
        self.update_timer.stop()
        if self._attached:
            self.ctx.revocation.listeners.remove(self._revocation_listener)
            self.ctx.outbox.listeners.remove(self._outbox_listener)
        self.presence.stop()
        if self.wedge is not None:
            self.wedge.remove()
        if self.tablet is not None:
            self.tablet.remove()
        self.inactivity.stop()
        self.revocation_timer.stop()
        current = self.pages.currentWidget()
        if hasattr(current, "deactivate"):
            current.deactivate()
        super().closeEvent(event)
