"""The station window: a header (station, agent, outbox), a notification banner and one page at a time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from enrollment.model import Dossier

from ..auth import AgentSession
from ..context import StationContext
from ..strings import label
from .diagnostics_page import DiagnosticsPage
from .home_page import HomePage
from .login_page import LoginPage
from .style import STYLESHEET
from .transmissions_page import TransmissionsPage, outbox_text
from .wizard_page import WizardPage

log = logging.getLogger(__name__)
BANNER_MS = 8000


class MainWindow(QMainWindow):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(label("app.title"))
        self.setStyleSheet(STYLESHEET)
        self.resize(1280, 800)

        header = QWidget()
        header.setObjectName("header")
        self.header_title = QLabel(label("header.station", station=ctx.config.station_id,
                                         mairie=ctx.config.mairie_name or ctx.config.mairie_insee))
        self.header_title.setObjectName("headerTitle")
        self.header_agent = QLabel("")
        self.header_outbox = QLabel("")
        hl = QHBoxLayout(header)
        hl.addWidget(self.header_title)
        hl.addStretch(1)
        hl.addWidget(self.header_outbox)
        hl.addSpacing(24)
        hl.addWidget(self.header_agent)

        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(10)
        self.banner.hide()
        self.banner_timer = QTimer(self)
        self.banner_timer.setSingleShot(True)
        self.banner_timer.timeout.connect(self.banner.hide)
        ctx.notifications.shown.connect(self.show_banner)

        self.login = LoginPage(ctx)
        self.home = HomePage(ctx)
        self.wizard = WizardPage(ctx)
        self.transmissions = TransmissionsPage(ctx)
        self.diagnostics = DiagnosticsPage(ctx)
        self.pages = QStackedWidget()
        for p in (self.login, self.home, self.wizard, self.transmissions, self.diagnostics):
            self.pages.addWidget(p)

        self.login.logged_in.connect(self.on_login)
        self.home.new_requested.connect(self.new_application)
        self.home.resume_requested.connect(self.resume_application)
        self.home.transmissions_requested.connect(lambda: self.show_page(self.transmissions))
        self.home.diagnostics_requested.connect(lambda: self.show_page(self.diagnostics))
        self.home.logout_requested.connect(self.logout)
        self.wizard.home_requested.connect(lambda: self.show_page(self.home))
        self.wizard.submitted.connect(lambda _id: self.show_page(self.transmissions))
        self.transmissions.home_requested.connect(lambda: self.show_page(self.home))
        self.diagnostics.home_requested.connect(lambda: self.show_page(self.home))
        self.transmissions.refreshed.connect(self.refresh_outbox)

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

        self.outbox_timer = QTimer(self)
        self.outbox_timer.setInterval(2000)
        self.outbox_timer.timeout.connect(self.refresh_outbox)
        self.outbox_timer.start()
        self.refresh_outbox()
        self.show_page(self.login)

    def show_page(self, page: QWidget) -> None:
        current = self.pages.currentWidget()
        if current is not page and hasattr(current, "deactivate"):
            current.deactivate()
        self.pages.setCurrentWidget(page)
        if hasattr(page, "activate"):
            page.activate()
        log.info("screen shown", extra={"event": "screen", "screen": type(page).__name__})

    def show_banner(self, level: str, text: str) -> None:
        self.banner.setProperty("level", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.show()
        self.banner_timer.start(BANNER_MS)

    def refresh_outbox(self) -> None:
        self.header_outbox.setText(outbox_text(self.ctx).splitlines()[0])

    def on_login(self, session: AgentSession) -> None:
        self.ctx.session = session
        self.header_agent.setText(label("header.agent", name=session.display_name, role=session.role_label))
        self.show_page(self.home)

    def new_application(self) -> None:
        session = self.ctx.session
        if session is None or not session.may_enroll:
            return
        dossier = Dossier(agent_id=session.agent_id)
        self.ctx.store.dossiers.save_draft(dossier)
        self.wizard.open(dossier)
        self.show_page(self.wizard)

    def resume_application(self, dossier_id: str) -> None:
        try:
            dossier = self.ctx.store.dossiers.load(dossier_id)
        except Exception as exc:
            self.ctx.notifications.error(exc, "home")
            return
        self.wizard.open(dossier)
        self.show_page(self.wizard)

    def logout(self) -> None:
        self.wizard.suspend()
        log.info("agent session closed", extra={"event": "logout"})
        self.ctx.session = None
        self.header_agent.setText("")
        self.show_page(self.login)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.wizard.suspend()
        self.outbox_timer.stop()
        current = self.pages.currentWidget()
        if hasattr(current, "deactivate"):
            current.deactivate()
        super().closeEvent(event)
