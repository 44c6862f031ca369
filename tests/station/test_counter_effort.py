"""The two counter scenarios the benchmark counts (devstation/counter_effort.py) run to the end through
the real window and the HTTPS CERT, so that the figures measure applications that actually go through."""

from __future__ import annotations

import pytest
from mrz.generator.td3 import TD3CodeGenerator

from devstation import counter_effort, scenario
from enrollment.model import State
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def _sent(station, qtbot, count: int) -> None:
    qtbot.waitUntil(lambda: len(station.store.dossiers.summaries()) == count and all(
        s.state is State.PURGED for s in station.store.dossiers.summaries()), timeout=60_000)


def test_an_adult_renewal_with_pre_application_and_ephoto_goes_through_with_few_keys(
        window, station, hw_mocks, cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    effort = counter_effort.start_counting(window)
    zone = str(TD3CodeGenerator("P", "FRA", "DUPONT", "JEAN", "17AB12345", "FRA", "880514", "M", "270319", ""))
    counter_effort.adult_renewal(window, effort, hw_mocks.scan_barcode, zone)
    _sent(station, qtbot, 1)
    # The pre-application, the MRZ reader and the flashcode spare the agent the civil status, the address,
    # the old title's number and the stamp: what is left to type is the old title's date and authority.
    assert effort.keystrokes < 60 and effort.scans == 3 and effort.screens >= 10


def test_a_14_year_olds_first_card_and_passport_go_through_as_two_dossiers(
        window, station, hw_mocks, cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    effort = counter_effort.start_counting(window)
    counter_effort.minor_couplee_14(window, effort)
    _sent(station, qtbot, 2)
    assert effort.keystrokes > 100 and effort.scans == 0
