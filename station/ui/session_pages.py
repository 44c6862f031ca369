"""The pages behind the login screen (home, wizard, transmissions, diagnostics, reception, titles,
hand-over), built once the login screen is up: their modules and widgets are a fifth of the time to the
login screen, and nobody needs them before an agent has logged in. The window asks for them at once if
something needs a page earlier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..outbox_status import OutboxSummary
    from .diagnostics_page import DiagnosticsPage
    from .handover_page import HandoverPage
    from .home_page import HomePage
    from .main_window import MainWindow
    from .reception_page import ReceptionPage
    from .titles_page import TitlesPage
    from .transmissions_page import TransmissionsPage
    from .wizard_page import WizardPage


@dataclass(frozen=True)
class SessionPages:
    home: HomePage
    wizard: WizardPage
    transmissions: TransmissionsPage
    diagnostics: DiagnosticsPage
    reception: ReceptionPage
    titles: TitlesPage
    handover: HandoverPage

    def show_outbox(self, summary: OutboxSummary) -> None:
        self.home.show_outbox(summary)
        self.transmissions.show_outbox(summary)


def build(window: MainWindow) -> SessionPages:
    """Make the pages, add them to the window's stack and wire their navigation (on the GUI thread)."""
    from .diagnostics_page import DiagnosticsPage
    from .handover_page import HandoverPage
    from .home_page import HomePage
    from .reception_page import ReceptionPage
    from .titles_page import TitlesPage
    from .transmissions_page import TransmissionsPage
    from .wizard_page import WizardPage

    ctx = window.ctx
    pages = SessionPages(HomePage(ctx), WizardPage(ctx), TransmissionsPage(ctx), DiagnosticsPage(ctx),
                         ReceptionPage(ctx), TitlesPage(ctx), HandoverPage(ctx))
    home, wizard, transmissions, diagnostics = pages.home, pages.wizard, pages.transmissions, pages.diagnostics
    reception, titles, handover = pages.reception, pages.titles, pages.handover
    for page in (home, wizard, transmissions, diagnostics, reception, titles, handover):
        window.pages.addWidget(page)
    home.new_requested.connect(window.new_application)
    home.resume_requested.connect(window.resume_application)
    home.transmissions_requested.connect(lambda: window.show_page(transmissions))
    home.diagnostics_requested.connect(lambda: window.show_page(diagnostics))
    home.reception_requested.connect(lambda: window.show_page(reception))
    reception.home_requested.connect(lambda: window.show_page(home))
    home.titles_requested.connect(lambda: window.show_page(titles))
    titles.home_requested.connect(lambda: window.show_page(home))
    home.handover_requested.connect(lambda: window.show_page(handover))
    handover.home_requested.connect(lambda: window.show_page(home))
    home.logout_requested.connect(window.logout)
    wizard.home_requested.connect(lambda: window.show_page(home))
    wizard.submitted.connect(lambda _id: window.show_page(transmissions))
    transmissions.home_requested.connect(lambda: window.show_page(home))
    diagnostics.home_requested.connect(lambda: window.show_page(home))
    transmissions.refreshed.connect(window.refresh_outbox)
    return pages
