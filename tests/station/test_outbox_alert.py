"""The visible outbox in the real window (Qt offscreen): a dossier that has waited longer than the alert
delay puts the French alert on the home and transmissions pages and in the banner once; a fresh one only
shows a discreet count; the alert clears by itself once the CERT is back and the dossier leaves."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from devstation import scenario
from devstation.factories import complete_dossier
from enrollment.model import State
from enrollment.store import OutboxStatus
from station.context import StationContext
from station.outbox_status import format_duration, summarise
from sync.package import AgentSigner, Sealer, seal_and_queue
from tests.fixtures.station import PIN

NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)


def _status(count: int, waited: timedelta | None, error: str | None = None) -> OutboxStatus:
    return OutboxStatus(count=count, oldest_queued_at=NOW - waited if waited is not None else None,
                        last_error_code="cert.unreachable" if error else None, last_error_message=error)


def test_summary_reads_as_the_agent_expects() -> None:
    s = summarise(_status(3, timedelta(hours=2, minutes=15), "Le CERT est injoignable."), 240, NOW)
    assert s.headline == "3 dossiers en attente d'envoi, le plus ancien depuis 2 h 15"
    assert s.error_line == "Dernière erreur : Le CERT est injoignable."
    assert not s.overdue and s.alert_line is None

    late = summarise(_status(1, timedelta(hours=4, minutes=1)), 240, NOW)
    assert late.overdue
    assert late.lines() == [
        "Alerte : un dossier attend depuis plus de 4 h — vérifiez la connexion au réseau puis appelez "
        "l'assistance si cela persiste",
        "1 dossier en attente d'envoi, depuis 4 h 01",
    ]
    assert summarise(_status(1, timedelta(hours=4)), 240, NOW).overdue is False  # "plus de" 4 h

    idle = summarise(_status(0, None, "ancienne erreur"), 240, NOW)
    assert idle.lines() == ["Aucun dossier en attente d'envoi."] and not idle.overdue


@pytest.mark.parametrize(("span", "text"), [
    (timedelta(seconds=59), "moins d'une minute"),
    (timedelta(minutes=45), "45 min"),
    (timedelta(hours=1), "1 h"),
    (timedelta(hours=1, minutes=30), "1 h 30"),
    (timedelta(days=3, hours=4, minutes=59), "3 j 4 h"),
    (timedelta(days=2), "2 j"),
])
def test_durations_in_french(span: timedelta, text: str) -> None:
    assert format_duration(span) == text


def _queue(store, sealer: Sealer, agent_signer: AgentSigner, monkeypatch: pytest.MonkeyPatch, waited: timedelta) -> str:
    d = complete_dossier(birth=date(1985, 6, 7))
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    with monkeypatch.context() as m:  # the store's clock when it queued the dossier
        m.setattr("enrollment.store.outbox.now_utc", lambda: datetime.now(UTC) - waited)
        seal_and_queue(store, d.id, sealer, agent_signer)
    return d.id


def _failed_once(station: StationContext, qtbot) -> None:
    station.outbox.wake()
    qtbot.waitUntil(lambda: station.store.outbox.status().last_error_code is not None, timeout=20_000)


def test_a_dossier_waiting_past_the_delay_raises_the_alert_once_then_it_clears_when_sent(
    make_station, make_window, sealer: Sealer, agent_signer, hw_mocks, cert_service, qtbot, monkeypatch,
) -> None:
    station = make_station(outbox_alert_after_minutes=60)
    store = station.store
    banners: list[tuple[str, str]] = []
    station.notifications.shown.connect(lambda level, text: banners.append((level, text)))
    window = make_window(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)  # needs the CERT's list
    home = window.home.outbox
    assert home.alert.isHidden() and home.text() == "Aucun dossier en attente d'envoi."

    cert_service.stop()
    dossier_id = _queue(store, sealer, agent_signer, monkeypatch, timedelta(hours=2, minutes=15))
    _failed_once(station, qtbot)

    alert = ("Alerte : un dossier attend depuis plus de 1 h — vérifiez la connexion au réseau puis appelez "
             "l'assistance si cela persiste")
    # The failed attempt itself refreshes the home page: no timer tick, no page change needed.
    qtbot.waitUntil(lambda: not home.alert.isHidden(), timeout=10_000)
    assert home.alert.text() == alert
    assert home.summary.text().startswith("1 dossier en attente d'envoi, depuis 2 h 1")

    window.show_page(window.transmissions)
    shown = window.transmissions.status.text().splitlines()
    assert shown[0] == alert
    assert shown[1].startswith("1 dossier en attente d'envoi, depuis 2 h 1")
    assert shown[2].startswith("Dernière erreur : ") and "injoignable" in shown[2]

    for _ in range(3):
        window.refresh_outbox()
    assert [b for b in banners if b[1] == alert] == [("warning", alert)], "announced once, not every refresh"

    # The CERT is back: the dossier leaves and, with no refresh asked for, the alert goes away.
    cert_service.start()
    window.show_page(window.home)
    station.outbox.retry_now()
    qtbot.waitUntil(lambda: store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    qtbot.waitUntil(lambda: home.alert.isHidden(), timeout=10_000)
    assert home.summary.text() == "Aucun dossier en attente d'envoi."
    assert window.header_outbox.text() == "Aucun dossier en attente d'envoi."


def test_a_fresh_dossier_shows_a_discreet_count_and_no_alert(
    make_station, make_window, sealer: Sealer, agent_signer, hw_mocks, cert_service, qtbot, monkeypatch,
) -> None:
    station = make_station(outbox_alert_after_minutes=60)
    banners: list[tuple[str, str]] = []
    station.notifications.shown.connect(lambda level, text: banners.append((level, text)))
    window = make_window(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    cert_service.stop()
    _queue(station.store, sealer, agent_signer, monkeypatch, timedelta(minutes=5))
    _failed_once(station, qtbot)
    window.show_page(window.home)

    assert window.home.outbox.alert.isHidden()
    assert window.home.outbox.text() == "1 dossier en attente d'envoi, depuis 5 min"
    window.show_page(window.transmissions)
    assert "Alerte" not in window.transmissions.status.text()
    assert "injoignable" in window.transmissions.status.text()
    assert not any("Alerte" in text for _, text in banners)
