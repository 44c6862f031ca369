"""The header band the agent sees on every page: the station and mairie on the state's blue."""

from __future__ import annotations

from station.ui.style import BLUE_FRANCE


def test_the_header_is_painted_blue_with_the_station_and_mairie(window, qtbot):
    qtbot.waitExposed(window)
    header = window.header_agent.parentWidget()
    image = window.grab().toImage()  # as the screen shows it (a grab of the header alone paints its own way)
    corner = header.mapTo(window, header.rect().topLeft())
    assert image.pixelColor(corner.x() + 2, corner.y() + 2).name() == BLUE_FRANCE.lower()
    assert "DR-21231-01" in header.station.text()


def test_every_page_fits_the_counters_1280_by_800_screen(window, qtbot):
    window._build_session_pages()  # every page behind the login screen, as after a login
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800, (hint.width(), hint.height())


def test_a_signal_from_another_thread_delivered_after_the_close_does_nothing(window, station, qtbot):
    window.close()  # as the station quits: the window first, then its store
    station.outbox.stop()
    station.store.close()
    # Emitted by the outbox's or the revocation's thread just before the window closed, delivered now.
    window.outbox_changed.emit()
    window.revocation_installed.emit()
    qtbot.wait(50)  # pytest-qt fails the test on any exception raised in the event loop meanwhile
