"""The end of the interview through the real window: the summary is read back and the applicant attests on
honour before the dossier leaves; the attestation is asked again at each reading, and it is offered only
once nothing else is missing."""

from __future__ import annotations

from datetime import date

from devstation.factories import complete_dossier
from enrollment.model import DatePrecision, State
from tests.station.test_application_cases import open_draft


def test_the_dossier_leaves_only_once_the_applicant_has_attested_the_summary(window, station, hw_mocks, qtbot):
    dossier = open_draft(window, station, hw_mocks, complete_dossier())
    wiz = window.wizard
    summary = wiz.steps[-1]
    wiz.go_to(len(wiz.steps) - 1)
    assert summary.attest.isEnabled() and not summary.attest.isChecked()
    assert wiz.dossier.attested_at is None  # the factory's attestation was about an earlier reading

    wiz.submit_button.click()
    assert "attestation sur l'honneur" in summary.status.text()
    assert station.store.dossiers.state_of(dossier.id) is State.DRAFT  # nothing sealed

    wiz.go_to(2)
    street = wiz.steps[2].line1.text()
    wiz.steps[2].line1.clear()  # something missing again: nothing to attest yet
    wiz.go_to(len(wiz.steps) - 1)
    assert not summary.attest.isEnabled()
    wiz.go_to(2)
    wiz.steps[2].line1.setText(street)
    wiz.go_to(len(wiz.steps) - 1)
    summary.attest.setChecked(True)
    wiz.submit_button.click()
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier.id) is State.PURGED, timeout=60_000)


def test_a_birth_abroad_known_by_its_year_only_is_kept_and_read_back_as_such(window, station, hw_mocks, qtbot):
    open_draft(window, station, hw_mocks, complete_dossier())
    wiz = window.wizard
    civil = wiz.steps[1]
    wiz.go_to(1)
    civil.birth_precision.setCurrentIndex(civil.birth_precision.findData(DatePrecision.YEAR))
    assert civil.birth_date.displayFormat() == "yyyy"
    wiz.go_to(len(wiz.steps) - 1)
    assert wiz.dossier.civil.birth_date == date(1990, 1, 1)  # the first day of what is known
    assert wiz.dossier.civil.birth_date_precision is DatePrecision.YEAR
    assert "né(e) en 1990 (jour et mois inconnus)" in wiz.steps[-1].overview.text()
