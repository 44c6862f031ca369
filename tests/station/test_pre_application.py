"""The online pre-application pre-fills the dossier, through the window and the real CERT service."""

from __future__ import annotations

from PySide6.QtCore import Qt

from devstation import scenario
from tests.fixtures.station import PIN

VALID, EXPIRED = "PD7K2M9TR4", "PD9ZL4C2HB"  # seeded by the reference CERT


def open_request_step(window, hw_mocks):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.new_button.click()
    return window.wizard


def test_a_pre_application_fills_the_empty_fields_and_the_agent_keeps_what_was_typed(window, hw_mocks, qtbot):
    wiz = open_request_step(window, hw_mocks)
    request, civil, address = wiz.steps[0], wiz.steps[1], wiz.steps[2]
    wiz.go_to(1)
    qtbot.keyClicks(civil.surname, "Martin")  # corrected with the applicant before the lookup
    wiz.go_to(0)
    qtbot.keyClicks(request.pre_application, VALID.lower())
    qtbot.keyClick(request.pre_application, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Pré-demande trouvée" in request.status.text(), timeout=15_000)
    assert civil.surname.text() == "MARTIN"  # typed first: kept
    assert civil.given_names.text() == "Jeanne Marie" and civil.birth_place.text() == "DIJON"
    assert address.city.text() == "DIJON" and address.phone.text() == "0639980101"
    d = wiz.dossier
    assert d.pre_application == VALID and d.civil.birth_date.isoformat() == "1990-05-17"
    assert wiz.ctx.store.dossiers.load(d.id).address.postcode == "21000"  # saved as a draft at once


def test_an_expired_pre_application_is_refused_in_french_and_nothing_is_filled(window, hw_mocks, qtbot):
    wiz = open_request_step(window, hw_mocks)
    request = wiz.steps[0]
    qtbot.keyClicks(request.pre_application, EXPIRED)
    request.lookup_button.click()
    qtbot.waitUntil(lambda: "expiré" in request.status.text(), timeout=15_000)
    assert wiz.dossier.civil.surname == "" and wiz.steps[1].surname.text() == ""
