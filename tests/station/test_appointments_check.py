"""The pre-application number against the rendez-vous platform (the reference CERT's stand-in), through
the real window: a number booked at several mairies is shown with its appointments, for the applicant to
cancel the others; a station without the platform's token says the check was not made."""

from __future__ import annotations

from cert.rdv_status import SEEDED
from devstation import scenario
from tests.fixtures.station import PIN


def _look_up(window, hw_mocks, qtbot, number: str) -> str:
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.new_button.click()
    request = window.wizard.steps[0]
    request.pre_application.setText(number)
    request.lookup_button.click()
    qtbot.waitUntil(lambda: request.appointments.text() != "", timeout=20_000)
    return request.appointments.text()


def test_a_number_booked_at_three_mairies_is_shown_with_its_appointments(window, hw_mocks, qtbot):
    shown = _look_up(window, hw_mocks, qtbot, SEEDED["duplicate"])
    assert "3 rendez-vous" in shown and "annuler" in shown


def test_a_number_booked_once_is_said_so(window, hw_mocks, qtbot):
    assert "aucun autre rendez-vous" in _look_up(window, hw_mocks, qtbot, SEEDED["single"])


def test_without_the_platforms_token_the_agent_is_told_the_check_was_not_made(make_station, make_window, hw_mocks,
                                                                             qtbot):
    window = make_window(make_station(rdv_token=""))
    assert "non vérifiés" in _look_up(window, hw_mocks, qtbot, SEEDED["single"])
