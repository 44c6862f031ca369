"""The clock rule (station/clock_rule.py, docs/fleet.md): a station whose heartbeat measured its clock off
against the CERT refuses to seal, says so in French with the skew measured and what to do, and keeps the
draft; once a heartbeat measures the clock back in bounds, the same dossier seals. Real CERT services over
mutual TLS, the real station context and its outbox thread."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from cert.lookups.seed import FEE_STAMPS
from devstation.factories import complete_dossier
from enrollment.model import State
from installer.station_config import write_station
from station import config as config_mod
from station import context
from station.clock_rule import check_clock
from station.context import StationContext
from station.errors import StationError
from sync.heartbeat import ClockMeasurement
from tests.fixtures.station import station_setup


@pytest.fixture
def skewed_station(pki, skewed, hw_mocks, tmp_path) -> Iterator[StationContext]:
    """A station whose CERT is `skewed`."""
    setup = station_setup(pki, skewed.url, hw_mocks, tmp_path / "station")
    ctx = context.build(config_mod.load(write_station(setup, tmp_path / "station.toml")))
    try:
        yield ctx
    finally:
        ctx.close()


def _measured(station, qtbot, near: float) -> ClockMeasurement:
    qtbot.waitUntil(lambda: (m := station.clock.last()) is not None and abs(m.skew_s - near) < 30, timeout=30_000)
    return station.clock.last()


def test_sealing_waits_for_a_clock_the_cert_agrees_with(skewed_station, skewed, qtbot, agent_signer, monkeypatch):
    station = skewed_station
    measured = _measured(station, qtbot, 600)  # the first heartbeat goes at the outbox's first round
    assert measured.skew_s > 120

    d = complete_dossier(birth=date(1990, 3, 2))
    d.fee_stamp = FEE_STAMPS["valid_86"]
    d.state = State.COMPLETE
    station.store.dossiers.save_draft(d)
    monkeypatch.setattr(station, "agent", lambda pin=None: agent_signer)
    with pytest.raises(StationError) as refused:
        station.seal(d.id)
    text = refused.value.message
    assert refused.value.code == "seal.clock_skew"
    assert "retarde de 10 min" in text and "au-delà de 2 min," in text
    assert "NTP" in text and "assistance technique" in text
    assert station.store.dossiers.state_of(d.id) is State.COMPLETE  # the draft kept, nothing queued
    assert station.store.outbox.status().count == 0

    # The technician sets the clock right (here: the CERT's comes back in line); the next heartbeat says so.
    skewed.stop()
    skewed.clock_offset_s = 0
    skewed.start()
    station.outbox.retry_now()
    _measured(station, qtbot, 0)
    station.seal(d.id)
    assert station.store.dossiers.state_of(d.id) in (State.QUEUED, State.SENT, State.PURGED)


def test_a_station_that_never_measured_is_not_blocked_and_the_limit_is_inclusive():
    check_clock(None, 120)
    now = datetime.now(UTC)
    check_clock(ClockMeasurement(-120.0, 0.1, now), 120)
    with pytest.raises(StationError) as ahead:
        check_clock(ClockMeasurement(-4000.0, 0.1, now - timedelta(minutes=5)), 120)
    assert "avance de 1 h 6 min" in ahead.value.message


def test_the_window_keeps_the_draft_and_tells_the_agent_why(skewed_station, make_window, qtbot):
    station = skewed_station
    _measured(station, qtbot, 600)
    window = make_window(station)
    d = complete_dossier(birth=date(1990, 3, 2))
    d.fee_stamp = FEE_STAMPS["valid_86"]
    station.store.dossiers.save_draft(d)
    shown: list[tuple[str, str]] = []
    station.notifications.shown.connect(lambda level, text: shown.append((level, text)))
    wizard = window.wizard
    wizard.open(station.store.dossiers.load(d.id))
    wizard.submit()
    qtbot.waitUntil(lambda: any("retarde de 10 min" in text for _, text in shown), timeout=30_000)
    assert any(level == "warning" and "brouillon" in text for level, text in shown)
    assert station.store.dossiers.state_of(d.id) is State.DRAFT and station.store.outbox.status().count == 0
    assert wizard.submit_button.isEnabled()  # the agent may try again once the clock is right
