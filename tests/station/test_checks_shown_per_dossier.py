"""The wizard's steps serve every dossier of the session: what a check said about one applicant (COMEDEC's
answer, a 2D-Doc's verdict with its name and address) is not shown on the next applicant's dossier, and a
dossier resumed shows COMEDEC's answer recorded with it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from devstation.factories import complete_dossier
from devstation.twoddoc_maker import make_authority, make_message, page_png, trust_list_json
from enrollment.checks import BirthCheck
from enrollment.model import Sex
from tests.station.test_application_cases import _leave_civil_status, open_draft
from tests.station.test_birth_check_cases import _born_in_dijon
from tests.station.test_proof_of_address_2ddoc import _scan

pytestmark = pytest.mark.e2e


def test_comedec_s_answer_stays_with_its_dossier(window, station, hw_mocks, cert_service, qtbot):
    mistyped = _born_in_dijon("DUPONT", "Jeanne Maria", Sex.FEMALE, date(1990, 5, 17))
    open_draft(window, station, hw_mocks, mistyped)
    _leave_civil_status(window, qtbot, BirthCheck.NOT_FOUND)
    civil = window.wizard.steps[1]
    assert "prénoms" in civil.status.text()

    window.wizard.home_button.click()  # the draft is kept
    window.new_application()  # the next applicant: nothing checked yet
    assert window.wizard.dossier.id != mistyped.id
    window.wizard.go_to(1)
    assert civil.status.text() == ""

    window.wizard.home_button.click()
    window.resume_application(mistyped.id)  # back to the first: what COMEDEC said is shown again
    window.wizard.go_to(1)
    assert "diffère de la saisie sur : prénoms" in civil.status.text()


def test_a_2ddoc_s_verdict_and_holder_are_not_shown_on_the_next_dossier(window, station, hw_mocks, qtbot):
    authority = make_authority()
    station.config.twoddoc_trust_path.write_bytes(trust_list_json(authority))
    open_draft(window, station, hw_mocks, complete_dossier())
    shown = _scan(window, hw_mocks, qtbot, page_png(make_message(authority, date.today() - timedelta(days=30))))
    assert "VICTOR HUGO" in shown

    window.wizard.home_button.click()
    window.new_application()
    documents = window.wizard.steps[6]
    window.wizard.go_to(6)
    assert "VICTOR HUGO" not in documents.twoddoc.text() and "authentique" not in documents.twoddoc.text()
