"""The end of the interview through the real window: the summary is read back and the applicant attests on
honour before the dossier leaves; the attestation is asked again at each reading, and it is offered only
once nothing else is missing."""

from __future__ import annotations

from datetime import date

from cert.lookups.seed import FEE_STAMPS
from devstation import scenario
from devstation.factories import complete_dossier
from enrollment.model import DatePrecision, State
from tests.fixtures.station import PIN


def test_the_dossier_leaves_only_once_the_applicant_has_attested_the_summary(window, station, hw_mocks, qtbot):
    dossier = complete_dossier()
    dossier.fee_stamp = FEE_STAMPS["valid_86"]
    dossier.state = State.DRAFT
    station.store.dossiers.save_draft(dossier)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.resume_application(dossier.id)
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
    dossier = complete_dossier()
    dossier.state = State.DRAFT
    station.store.dossiers.save_draft(dossier)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.resume_application(dossier.id)
    wiz = window.wizard
    civil = wiz.steps[1]
    wiz.go_to(1)
    civil.birth_precision.setCurrentIndex(civil.birth_precision.findData(DatePrecision.YEAR))
    assert civil.birth_date.displayFormat() == "yyyy"
    wiz.go_to(len(wiz.steps) - 1)
    assert wiz.dossier.civil.birth_date == date(1990, 1, 1)  # the first day of what is known
    assert wiz.dossier.civil.birth_date_precision is DatePrecision.YEAR
    assert "né(e) en 1990 (jour et mois inconnus)" in wiz.steps[-1].overview.text()
