"""COMEDEC's answers through the real window and the HTTPS CERT: a birth the commune's register holds is
confirmed and no birth certificate is asked; a birth whose register entry differs from what was typed is
not confirmed, the agent is told which data differ, and the paper certificate is asked for."""

from __future__ import annotations

from datetime import date

import pytest

from devstation.factories import complete_dossier
from enrollment.checks import BirthCheck, BirthCheckResult
from enrollment.model import DocumentKind, Dossier, Sex
from tests.station.test_application_cases import (
    _leave_civil_status,
    _received,
    _submit,
    _summary_codes,
    open_draft,
)

pytestmark = pytest.mark.e2e


def _born_in_dijon(surname: str, given_names: str, sex: Sex, birth: date) -> Dossier:
    """A dossier whose birth, in a commune connected to COMEDEC, the register has not been asked about."""
    dossier = complete_dossier(birth=birth)
    c = dossier.civil
    c.surname, c.given_names, c.sex = surname, given_names, sex
    c.birth_place, c.birth_insee = "Dijon", "21231"
    dossier.birth_check = BirthCheckResult()
    return dossier


def test_a_birth_the_register_holds_is_confirmed_and_no_birth_certificate_is_asked(
        window, station, hw_mocks, cert_service, qtbot):
    # As the reference CERT's register (cert/lookups/seed.py) holds it, typed as a form would.
    dossier = _born_in_dijon("Dupont", "Jeanne-Marie", Sex.FEMALE, date(1990, 5, 17))
    open_draft(window, station, hw_mocks, dossier)
    _leave_civil_status(window, qtbot, BirthCheck.CONFIRMED)
    assert "Naissance vérifiée" in window.wizard.steps[1].status.text()
    assert "documents.missing.acte_naissance" not in _summary_codes(window)
    _submit(window, station, qtbot)
    received = _received(cert_service)["passeport"]
    assert received["checks"]["birth"] == "confirme" and received["checks"]["birth_differing"] == []
    assert received["civil"]["birth_insee"] == "21231"


def test_a_birth_that_differs_from_the_register_says_where_and_asks_for_the_certificate(
        window, station, hw_mocks, cert_service, qtbot):
    # The register has DUPONT Jeanne Marie, F, born 17/05/1990 in Dijon: the given names are mistyped.
    dossier = _born_in_dijon("DUPONT", "Jeanne Maria", Sex.FEMALE, date(1990, 5, 17))
    open_draft(window, station, hw_mocks, dossier)
    _leave_civil_status(window, qtbot, BirthCheck.NOT_FOUND)
    shown = window.wizard.steps[1].status.text()
    assert "diffère de la saisie sur : prénoms" in shown  # the agent knows what to compare with the papers
    assert window.wizard.dossier.birth_check.differing == ["given_names"]
    assert "documents.missing.acte_naissance" in _summary_codes(window)

    wiz = window.wizard
    documents = wiz.steps[6]
    wiz.go_to(6)
    assert documents.kind.currentData() == DocumentKind.BIRTH_CERTIFICATE  # the missing one first
    documents.scan_button.click()
    qtbot.waitUntil(documents.keep_button.isEnabled, timeout=30_000)  # the preview
    documents.keep_button.click()
    qtbot.waitUntil(lambda: any(d.kind is DocumentKind.BIRTH_CERTIFICATE for d in wiz.dossier.documents),
                    timeout=30_000)
    _submit(window, station, qtbot)
    received = _received(cert_service)["passeport"]
    assert received["checks"]["birth"] == "introuvable"
    assert received["checks"]["birth_differing"] == ["given_names"]
    assert "documents/02-acte_naissance.png" in received["_files"]
