"""Agent log-in, roles, locking and unlocking, through the window, the card reader and the CERT's CRL."""

from __future__ import annotations

import json

import pytest

from devstation import scenario
from tests.fixtures.station import PIN


def login_with(window, hw_mocks, qtbot, card: str, pin: str = PIN) -> None:
    hw_mocks.insert_card(card)
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, pin)
    window.login.submit_button.click()


def wait_refused(window, qtbot) -> str:
    qtbot.waitUntil(lambda: not window.login._checking and window.login.status.text() not in (
        "Vérification de la carte en cours…",), timeout=15_000)
    return window.login.status.text()


@pytest.mark.parametrize(
    ("card", "may_enroll", "may_diagnose", "role_label"),
    [("agent", True, False, "Agent d'accueil"), ("supervisor", True, True, "Superviseur"),
     ("technician", False, True, "Technicien")],
)
def test_each_role_gets_the_screens_it_is_entitled_to(window, hw_mocks, qtbot, station, card, may_enroll,
                                                      may_diagnose, role_label):
    login_with(window, hw_mocks, qtbot, card)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home, timeout=15_000)
    assert role_label in window.header_agent.text()
    assert window.home.new_button.isVisible() is may_enroll
    assert window.home.transmissions_button.isVisible() is may_enroll
    assert window.home.diagnostics_button.isVisible() is may_diagnose
    if not may_enroll:
        assert "diagnostics" in window.home.role_hint.text()
        window.new_application()  # even called directly, a technician gets no dossier
        assert window.pages.currentWidget() is window.home
        assert station.store.dossiers.summaries() == []


def refusals(station) -> list[tuple[str | None, str | None]]:
    """The audit trail's refused log-ins: (the card's agent, the reason's code)."""
    return [(e.agent_id, e.reason) for e in station.store.audit.entries() if e.event.value == "login_refused"]


@pytest.mark.parametrize(
    ("card", "expected", "code", "named"),
    [
        ("expired", "expiré", "auth.expired", True),
        ("revoked", "révoquée", "auth.revoked", True),
        ("foreign", "n'a pas été délivrée", "auth.foreign", False),  # its certificate may say anything
        ("other-mairie", "autre mairie", "auth.other_mairie", True),
        ("blocked", "bloqué", "card.pin_blocked", False),  # refused before its certificate is read
    ],
)
def test_cards_that_must_not_open_a_session_are_refused_with_the_reason(window, hw_mocks, qtbot, station,
                                                                        card, expected, code, named):
    login_with(window, hw_mocks, qtbot, card)
    text = wait_refused(window, qtbot)
    assert expected in text
    assert station.session is None and window.pages.currentWidget() is window.login
    [(agent_id, reason)] = refusals(station)
    assert reason == code and (agent_id is not None) is named


def test_wrong_pins_warn_at_the_last_try_then_block_the_card(window, hw_mocks, qtbot, station):
    login_with(window, hw_mocks, qtbot, "agent2", "0000")
    assert "Code PIN erroné" in wait_refused(window, qtbot)
    qtbot.keyClicks(window.login.pin, "0000")
    window.login.submit_button.click()
    assert "il reste 1 essai" in wait_refused(window, qtbot)
    qtbot.keyClicks(window.login.pin, "0000")
    window.login.submit_button.click()
    assert "bloqué" in wait_refused(window, qtbot)
    qtbot.keyClicks(window.login.pin, PIN)  # even the right PIN no longer opens it
    window.login.submit_button.click()
    assert "bloqué" in wait_refused(window, qtbot)
    assert station.session is None
    assert [reason for _, reason in refusals(station)][:2] == ["card.pin_wrong", "card.pin_wrong"]
    assert len(refusals(station)) == 4  # every try, the blocked card's too


def test_card_removed_during_pin_entry_clears_the_pin(window, hw_mocks, qtbot):
    hw_mocks.insert_card("agent")
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, "12")
    hw_mocks.remove_card()
    qtbot.waitUntil(lambda: not window.login.pin.isEnabled(), timeout=2_000)
    assert window.login.pin.text() == ""
    assert "Insérez votre carte" in window.login.status.text()


def test_card_removal_locks_within_a_second_keeps_the_draft_and_only_the_same_agent_resumes(
        window, hw_mocks, qtbot, station):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.new_button.click()
    wiz = window.wizard
    wiz.go_to(1)
    qtbot.keyClicks(wiz.steps[1].surname, "Verrou")
    dossier_id = wiz.dossier.id

    hw_mocks.remove_card()
    # How fast is measured by `make bench` (auth.card_removal_to_lock, target under 1 s), not asserted here.
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.login, timeout=5_000)
    assert station.session is None
    assert window.login.heading.text() == "Poste verrouillé"
    assert "Camille MARTIN" in window.login.status.text()
    assert station.store.dossiers.load(dossier_id).civil.surname == "VERROU"  # saved at the lock

    login_with(window, hw_mocks, qtbot, "agent2")  # another agent of the same mairie
    assert "seule sa carte" in wait_refused(window, qtbot)
    assert station.session is None and window.pages.currentWidget() is window.login

    hw_mocks.remove_card()
    qtbot.waitUntil(lambda: not window.login.pin.isEnabled(), timeout=2_000)
    login_with(window, hw_mocks, qtbot, "agent")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is wiz, timeout=15_000)
    assert wiz.current_step is wiz.steps[1] and wiz.steps[1].surname.text() == "VERROU"
    assert station.session is not None and station.session.agent_id == "AG-0001"


def test_inactivity_locks_the_session(make_station, make_window, hw_mocks, qtbot):
    ctx = make_station(inactivity_timeout_s=5)
    window = make_window(ctx)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    assert ctx.session is not None
    qtbot.waitUntil(lambda: ctx.session is None, timeout=8_000)
    assert window.pages.currentWidget() is window.login
    assert "inactivité" in window.login.status.text()


def test_without_a_believable_revocation_list_nobody_logs_in(make_station, make_window, hw_mocks, qtbot,
                                                            cert_service):
    cert_service.stop()  # the station cannot fetch the list and has none yet
    ctx = make_station()
    window = make_window(ctx)
    login_with(window, hw_mocks, qtbot, "agent")
    assert "révoquées n'est pas à jour" in wait_refused(window, qtbot)
    cert_service.start()
    qtbot.keyClicks(window.login.pin, PIN)
    window.login.submit_button.click()
    qtbot.waitUntil(lambda: ctx.session is not None, timeout=15_000)


def test_the_pin_reaches_neither_the_logs_nor_the_store(window, hw_mocks, qtbot, station):
    login_with(window, hw_mocks, qtbot, "agent2", "9876")  # a wrong PIN is a PIN too
    wait_refused(window, qtbot)
    scenario.login(window, lambda: None, PIN, lambda _: None)
    window.home.new_button.click()
    window.wizard.save_draft()
    logs = "".join(p.read_text() for p in station.config.log_dir.glob("station.log*"))
    entries = [json.loads(line) for line in logs.splitlines()]
    assert entries and not any(k.lower() in ("pin", "code_pin") for e in entries for k in e)
    for e in entries:
        for value in e.values():
            assert "9876" not in str(value) and str(value) != PIN
    for s in station.store.dossiers.summaries():
        text = station.store.dossiers.load(s.id).model_dump_json(exclude={"photo", "fingerprints", "signature",
                                                                          "documents"})
        assert "9876" not in text and PIN not in text


def test_absent_reader_is_reported_on_the_login_screen(make_station, make_window, qtbot):
    ctx = make_station(smartcard_reader="Lecteur débranché")
    window = make_window(ctx)
    qtbot.waitUntil(lambda: "lecteur" in window.login.status.text().lower(), timeout=5_000)
    assert not window.login.pin.isEnabled()
    assert ctx.session is None
