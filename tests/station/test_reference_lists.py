"""Reference lists at the station: a fee table past its limit refuses a new dossier (and sealing) with a
French message naming the list, its age and how to refresh; `station reference refresh` unblocks it; a
newer fee table changes the fee the agent sees; `station reference status` shows each list's version and age."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from devstation import scenario
from devstation.cert_service import REPO_ROOT
from devstation.reference_sets import initial_payload
from devstation.twoddoc_maker import make_authority, trust_list_json
from enrollment.civil.reference import load as shipped_cog
from enrollment.model import Reason, TitleRequest, TitleType
from station import config as config_mod
from station.errors import StationError
from station.reference import LISTS
from station.strings import message
from station.twoddoc_trust import station_trust_list
from station.ui.diagnostics_page import DiagnosticsPage
from sync.reference.rules_set import rules_payload
from tests.fixtures.station import PIN
from tests.sync.test_reference import publish

pytestmark = pytest.mark.e2e


def station_command(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != config_mod.ENV_VAR}
    return subprocess.run([sys.executable, "-m", "station.cli", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_stale_fee_table_blocks_a_new_enrollment_until_refreshed(window, station, station_toml, hw_mocks,
                                                                   cert_service, qtbot):
    publish(cert_service, "rules", rules_payload(), "--max-age-days", "0")  # version 2, past its limit at once
    station.refresh_reference()
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)

    window.new_application()
    assert window.pages.currentWidget() is not window.wizard
    shown = window.banner.text()
    assert shown.startswith("Impossible de commencer un nouveau dossier")
    assert "« barème des droits et seuils »" in shown and "(0 jours)" in shown
    assert "station reference refresh" in shown
    with pytest.raises(StationError) as sealing:  # a draft already open is kept, but not sealed
        station.check_can_enroll(sealing=True)
    assert "ne peut pas être scellé" in sealing.value.message

    status = station_command("reference", "status", "--config", str(station_toml))
    assert status.returncode == 3, status.stderr
    assert "barème des droits et seuils : PÉRIMÉE version 2 du" in status.stdout
    assert "Nouveaux dossiers : refusés." in status.stdout

    publish(cert_service, "rules", rules_payload(), "--max-age-days", "30")  # version 3
    done = station_command("reference", "refresh", "--config", str(station_toml))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "barème des droits et seuils : version 3 installée." in done.stdout
    assert "Nouveaux dossiers : autorisés." in done.stdout

    window.new_application()  # the running window reads what the command installed
    assert window.pages.currentWidget() is window.wizard


def test_a_newer_fee_table_changes_the_fee_and_limits_the_agent_sees(window, station, hw_mocks, cert_service, qtbot):
    newer = rules_payload()
    newer["rules"]["passport_fee_adult"] = "99"
    newer["face"] = {"min_eye_distance_px": 100.0}
    publish(cert_service, "rules", newer)
    station.refresh_reference()  # (the outbox's thread may have fetched it first, at the station's start)
    assert station.reference.cache.current("rules").version == 2
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.new_application()
    dossier = window.wizard.dossier
    dossier.civil.birth_date = date(1980, 1, 1)
    dossier.requests = [TitleRequest(title=TitleType.PASSPORT, reason=Reason.FIRST)]
    fee_step = next(s for s in window.wizard.steps if s.key == "timbre")
    fee_step.load(dossier)
    fee_step.entered()
    assert fee_step.status.text() == message("fee.due", amount=Decimal("99"))
    photo_step = next(s for s in window.wizard.steps if s.key == "photo")
    assert photo_step.thresholds.min_eye_distance_px == 100.0  # the photo's limits come with the same list


def test_status_shows_each_list_s_version_and_age(station, station_toml):
    station.refresh_reference()
    station.refresh_revocation()
    done = station_command("reference", "--config", str(station_toml))
    assert done.returncode == 0, done.stderr
    today = date.today().strftime("%d/%m/%Y")
    assert f"barème des droits et seuils : version 1 du {today} (0 jours)" in done.stdout
    assert "autorités de confiance 2D-Doc : celle livrée avec le logiciel" in done.stdout
    assert "communes et pays (COG) : celle livrée avec le logiciel" in done.stdout
    crl = next(line for line in done.stdout.splitlines() if line.startswith("révocation des cartes agents : du "))
    assert "(0 jours), prochaine mise à jour le" in crl
    assert "Nouveaux dossiers : autorisés." in done.stdout


def test_the_cert_s_trust_list_and_communes_are_installed_where_the_station_reads_them(station, cert_service):
    authority = make_authority("TS07")
    publish(cert_service, "twoddoc-trust", trust_list_json(authority, source="CERT test list"))
    cog = initial_payload("communes")[0]
    publish(cert_service, "communes", cog, suffix=".gz")
    station.refresh_reference()

    trust = station_trust_list(station.config.twoddoc_trust_path)
    assert trust.source == "CERT test list" and "TS07" in trust.authorities
    # The counter verifies with the signed list itself: an unsigned file written over the installed copy
    # changes nothing there.
    station.config.twoddoc_trust_path.write_bytes(trust_list_json(make_authority("XX99"), source="edited"))
    assert station.reference.twoddoc_trust().source == "CERT test list"
    assert station.config.communes_path.read_bytes() == cog
    proposals = station.reference.communes()  # what the place-of-birth field searches, from the signed list
    assert proposals is station.reference.communes() and proposals.year == shipped_cog().year
    assert [s.version for s in station.reference.statuses() if s.name in LISTS] == [1, 1, 1]


def test_the_diagnostics_page_shows_the_lists(qtbot, station):
    station.refresh_reference()
    page = DiagnosticsPage(station)
    qtbot.addWidget(page)
    page.run()
    report = page.report.toPlainText()
    assert "barème des droits et seuils : version 1 du " in report
    assert "Nouveaux dossiers : autorisés." in report


def test_the_station_fetches_the_lists_by_itself_at_start(station, qtbot):
    qtbot.waitUntil(lambda: station.reference.cache.current("rules") is not None, timeout=30_000)
    assert (station.config.reference_dir / "rules.json").is_file()


def test_a_signed_list_the_station_cannot_read_changes_nothing_and_is_reported(station, cert_service):
    publish(cert_service, "communes", b"\x1f\x8b not a COG file", suffix=".gz")
    station.refresh_reference()
    assert not station.config.communes_path.exists()  # the shipped list stays in use
    lines = station.reference.status_lines(datetime.now(UTC))
    assert any("n'est pas compris par cette version du logiciel" in line for line in lines)
