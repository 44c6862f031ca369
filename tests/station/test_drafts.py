"""Drafts on the home page: who answers for a resumed draft, who may resume one, and abandoning
one. Through the real window, card reader and SQLCipher store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from devstation import scenario
from devstation.factories import complete_dossier
from enrollment.model import CivilStatus, Dossier
from enrollment.store import DiscardReason
from installer.station_config import write_station
from station import config as config_mod
from station import context
from station.ui.abandon_dialog import AbandonDialog
from tests.fixtures.audit import recorded
from tests.fixtures.station import PIN, station_setup


def _colleague_draft(station, agent_id: str = "AG-0004") -> Dossier:
    d = Dossier(agent_id=agent_id, civil=CivilStatus(surname="ZYGOMATIQUE", given_names="Philomène"))
    station.store.dossiers.save_draft(d)
    return d


def _agent_of_record(station, dossier_id: str) -> str:
    return next(s.agent_id for s in station.store.dossiers.summaries() if s.id == dossier_id)


def test_resuming_a_colleagues_draft_makes_the_resuming_agent_its_agent_of_record(window, station, hw_mocks):
    draft = _colleague_draft(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    assert window.home.drafts.count() == 1

    window.home.resume_button.click()

    assert window.pages.currentWidget() is window.wizard and window.wizard.dossier.id == draft.id
    assert _agent_of_record(station, draft.id) == "AG-0001"  # Camille MARTIN, the agent now working on it
    assert recorded(station.store.audit, "dossier_resumed") == [("AG-0001", draft.id, None)]


def test_a_technician_cannot_resume_a_draft_even_by_calling_the_window_directly(window, station, hw_mocks, qtbot):
    draft = _colleague_draft(station)
    hw_mocks.insert_card("technician")
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, PIN)
    window.login.submit_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home, timeout=15_000)

    window.resume_application(draft.id)

    assert window.pages.currentWidget() is window.home
    assert window.wizard.dossier is None
    assert _agent_of_record(station, draft.id) == "AG-0004"


def test_without_a_session_no_draft_opens(window, station):
    draft = _colleague_draft(station)

    window.resume_application(draft.id)

    assert window.pages.currentWidget() is window.login
    assert window.wizard.dossier is None


def test_drafts_untouched_past_the_configured_days_are_gone_when_the_station_starts(
    make_station, pki, cert_service, hw_mocks, tmp_path
):
    setup = station_setup(pki, cert_service.url, hw_mocks, tmp_path / "station", draft_retention_days=10)
    config = config_mod.load(write_station(setup, tmp_path / "station.toml"))
    assert config.store.draft_retention_days == 10
    store = context.open_store(config)
    old, recent = Dossier(agent_id="AG-0001"), Dossier(agent_id="AG-0001")
    for d in (old, recent):
        store.dossiers.save_draft(d)
    with store.db.transaction() as conn:  # as if the old one had last been saved 11 days ago
        conn.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?",
                     ((datetime.now(UTC) - timedelta(days=11)).isoformat(), old.id))
    store.close()

    station = make_station(draft_retention_days=10)

    assert [s.id for s in station.store.dossiers.summaries()] == [recent.id]
    assert [(r.dossier_id, r.reason) for r in station.store.discards.records()] == [(old.id, DiscardReason.EXPIRED)]


def _when_the_dialog_opens(act: Callable[[AbandonDialog], None]) -> dict:
    """Run `act` on the abandon dialog once it is open (it is modal: the click that opens it returns only
    when it closes). What the dialog showed first is returned for the test to check afterwards."""
    seen: dict = {}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AbandonDialog):
            QTimer.singleShot(10, poll)
            return
        seen["confirm_enabled"] = dialog.confirm_button.isEnabled()
        act(dialog)

    QTimer.singleShot(0, poll)
    return seen


def test_the_agent_abandons_a_draft_with_a_reason_and_it_goes_with_its_captures(window, station, hw_mocks):
    draft = complete_dossier(agent_id="AG-0004")
    station.store.dossiers.save_draft(draft)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    assert window.home.drafts.count() == 1 and window.home.abandon_button.isVisible()

    def choose_and_confirm(dialog: AbandonDialog) -> None:
        dialog.choose(DiscardReason.APPLICANT_WITHDREW)
        dialog.confirm_button.click()

    seen = _when_the_dialog_opens(choose_and_confirm)
    window.home.abandon_button.click()

    assert seen["confirm_enabled"] is False  # no reason chosen yet: nothing can be deleted
    assert window.home.drafts.count() == 0
    assert "effacés" in window.banner.text()
    assert station.store.dossiers.summaries() == []
    [record] = station.store.discards.records()
    assert (record.dossier_id, record.agent_id, record.reason) == (
        draft.id, "AG-0001", DiscardReason.APPLICANT_WITHDREW)
    assert recorded(station.store.audit, "dossier_abandoned") == [("AG-0001", draft.id, "usager_renonce")]


def test_cancelling_the_abandon_dialog_keeps_the_draft(window, station, hw_mocks):
    draft = _colleague_draft(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)

    def change_mind(dialog: AbandonDialog) -> None:
        dialog.choose(DiscardReason.DUPLICATE)
        dialog.cancel_button.click()

    _when_the_dialog_opens(change_mind)
    window.home.abandon_button.click()

    assert window.home.drafts.count() == 1
    assert [s.id for s in station.store.dossiers.summaries()] == [draft.id]
    assert station.store.discards.records() == []


def test_a_draft_abandoned_after_leaving_the_wizard_does_not_come_back_at_logout(window, station, hw_mocks):
    draft = _colleague_draft(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.resume_button.click()
    window.wizard.home_button.click()  # back home, the draft saved
    assert window.pages.currentWidget() is window.home

    def abandon(dialog: AbandonDialog) -> None:
        dialog.choose(DiscardReason.ENTRY_ERROR)
        dialog.confirm_button.click()

    _when_the_dialog_opens(abandon)
    window.home.abandon_button.click()
    window.home.logout_button.click()  # the window saves the wizard's work in progress on the way out

    assert station.store.dossiers.summaries() == []
    assert [r.dossier_id for r in station.store.discards.records()] == [draft.id]


def test_the_abandon_dialog_closes_when_the_station_locks_and_nothing_is_deleted(window, station, hw_mocks):
    draft = _colleague_draft(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)

    def lock_meanwhile(dialog: AbandonDialog) -> None:
        dialog.choose(DiscardReason.OTHER)
        window.lock("inactivity")

        def left_open() -> None:  # so that a failing test fails instead of waiting for ever
            if dialog.isVisible():
                seen["left_open"] = True
                dialog.confirm_button.click()

        QTimer.singleShot(200, left_open)

    seen = _when_the_dialog_opens(lock_meanwhile)
    window.home.abandon_button.click()

    assert "left_open" not in seen
    assert window.pages.currentWidget() is window.login
    assert [s.id for s in station.store.dossiers.summaries()] == [draft.id]
    assert station.store.discards.records() == []
