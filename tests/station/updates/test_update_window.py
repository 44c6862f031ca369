"""The window and the update thread: the agent is told in the banner, and a staged release is installed
only at an idle moment — never while a dossier is open (offscreen window, real devices and CERT)."""

from __future__ import annotations

import shutil
import threading

import pytest

from devstation import scenario
from devstation.fake_release import make_release
from station.ui.diagnostics_page import DiagnosticsPage
from station.version import software_version
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def test_the_update_thread_may_install_only_while_no_dossier_is_open(window, station, hw_mocks, qtbot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[bool] = []
    monkeypatch.setattr(station.updates, "idle", lambda: offered.append(True))
    assert window.idle  # the login screen
    window.offer_idle_moment()
    assert offered == [True]

    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    assert window.idle  # the home page
    window.new_application()
    assert window.pages.currentWidget() is window.wizard and not window.idle
    window.offer_idle_moment()
    assert offered == [True]  # not during the enrollment


def test_the_agent_reads_what_the_update_thread_did(window, station, qtbot) -> None:
    # The thread calls its listener on its own thread; the window re-emits it to the GUI thread.
    worker = threading.Thread(target=station.updates.listener, args=("ready", "1.1.0", ""))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "1.1.0" in window.banner.text(), timeout=5_000)
    assert "prête" in window.banner.text() and "libre" in window.banner.text()

    window.update_event.emit("refused", "1.2.0", "update.refused.self_test")
    assert "1.2.0 a été refusée" in window.banner.text() and "autotest" in window.banner.text()


def test_the_technician_asks_for_an_update_from_the_diagnostics_page(window, station, cert_service, qtbot,
                                                                     tmp_path) -> None:
    station.config.trusted_root.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cert_service.updates.metadata / "1.root.json", station.config.trusted_root)
    cert_service.updates.publish(make_release(tmp_path, "9.0.0"), "9.0.0")
    page = DiagnosticsPage(station)
    qtbot.addWidget(page)
    page.run()
    assert f"Version en service : {software_version()}" in page.report.toPlainText()

    page.update_button.click()  # the scheduled check is hours away: this one goes now, on the update thread

    assert "bandeau" in page.report.toPlainText()
    qtbot.waitUntil(lambda: "9.0.0" in window.banner.text(), timeout=60_000)
    assert "prête" in window.banner.text()
    page.run()
    assert "Mise à jour prête à installer : 9.0.0" in page.report.toPlainText()
