"""The wizard's steps serve every dossier of the session: what COMEDEC said about one applicant is not shown
on the next applicant's dossier, and a dossier resumed shows COMEDEC's answer recorded with it."""

from __future__ import annotations

from datetime import date

import pytest

from enrollment.checks import BirthCheck
from enrollment.model import Sex
from tests.station.test_application_cases import _leave_civil_status, open_draft
from tests.station.test_birth_check_cases import _born_in_dijon

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

