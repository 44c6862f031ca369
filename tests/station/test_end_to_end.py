"""The whole path through real parts: the Qt window (offscreen), the simulated devices over their link,
the SQLCipher store, the outbox over mutual-TLS HTTPS to the reference CERT service in its own process."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from cryptography import x509

from cert.storage import Storage
from devstation import scenario
from enrollment.model import State
from station.context import StationContext
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def cert_dossiers(cert_service) -> list:
    storage = Storage(cert_service.data_dir)
    try:
        return storage.all()
    finally:
        storage.close()


def log_text(ctx: StationContext) -> str:
    return "".join(p.read_text() for p in ctx.config.log_dir.glob("station.log*"))


def test_agent_enrolls_an_applicant_and_the_dossier_is_acknowledged_then_purged(window, station, hw_mocks,
                                                                               cert_service, qtbot, pki):
    applicant = scenario.Applicant()

    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    assert "Camille MARTIN" in window.header_agent.text()
    # The proof of address: a two-page bill through the scanner's feeder (SANE, eSCL), both pages kept.
    dossier_id = scenario.enroll(window, applicant, hw_mocks.scan_barcode, lambda _: None, hw_mocks.load_feeder)

    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    # The récépissé came out even though the CERT acknowledged (and the station purged) at once.
    qtbot.waitUntil(lambda: len(hw_mocks.printed) == 1, timeout=30_000)
    recepisse = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(hw_mocks.printed[0])).pages)
    assert dossier_id in recepisse and "Justificatif de domicile (2 page(s))" in recepisse
    window.transmissions.refresh()
    [received] = cert_dossiers(cert_service)
    assert received.idempotency_key == dossier_id and received.station_id == "DR-21231-01"
    row = [window.transmissions.table.item(0, c).text() for c in range(5)]
    assert row[3] == "transmis et effacé du poste"
    assert row[4] == received.dossier_number
    assert applicant.surname not in " ".join(row)  # purged: the name is gone from the station too

    # The CERT got the applicant's data (sealed on the wire, opened and verified there); the station keeps
    # none of it, and never logged it or the PIN.
    storage = Storage(cert_service.data_dir)
    package, files = storage.package(dossier_id), storage.files(received.dossier_number)
    storage.close()
    assert applicant.surname.encode() not in package
    assert applicant.surname.encode() in files["dossier.json"]
    assert {"biometrics.an2", "signature.iso19794-7"} <= set(files)
    # Who took it: the card that opened the session signed it (through OpenSC), and the CERT kept that.
    agent = x509.load_pem_x509_certificate(files["agent-certificate.pem"])
    assert agent == x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
    pages = sorted(name for name in files if name.startswith("documents/"))
    assert pages == ["documents/01-justificatif_domicile.png", "documents/02-justificatif_domicile.png"]
    logs = log_text(station)
    assert logs, "the station wrote no log"
    for secret in (applicant.surname, applicant.given_names, applicant.line1, applicant.phone, "1988-05-14"):
        assert secret not in logs
    assert f'"{PIN}"' not in logs and f" {PIN}" not in logs
    store_bytes = b"".join(p.read_bytes() for p in Path(station.config.data_dir).glob("station.db*"))
    assert applicant.surname.encode() not in store_bytes


def test_dossier_sealed_while_the_cert_is_down_leaves_once_it_is_back_exactly_once(window, station, hw_mocks,
                                                                                  cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    cert_service.stop()
    dossier_id = scenario.enroll(window, scenario.Applicant(), hw_mocks.scan_barcode, lambda _: None)

    qtbot.waitUntil(lambda: station.store.outbox.status().last_error_code is not None, timeout=20_000)
    assert station.store.dossiers.state_of(dossier_id) is State.QUEUED
    window.transmissions.refresh()
    assert "injoignable" in window.transmissions.status.text()
    assert window.transmissions.state_of_row(0) == "en attente d'envoi"

    # A long backoff now stands between the dossier and the next try; the agent's button overrides it.
    station.outbox.settings = dataclasses.replace(station.outbox.settings, base_delay_s=600, max_delay_s=600)
    station.store.outbox.record_failure(dossier_id, "cert.unreachable", "injoignable",
                                        datetime.now(UTC) + timedelta(minutes=10))
    cert_service.start()
    window.transmissions.retry_button.click()
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=30_000)
    assert [d.idempotency_key for d in cert_dossiers(cert_service)] == [dossier_id]


def test_wrong_pin_is_refused_and_no_session_opens(window, station, hw_mocks, qtbot):
    window.login.activate()
    hw_mocks.insert_card("agent")
    qtbot.waitUntil(window.login.pin.isEnabled, timeout=10_000)
    qtbot.keyClicks(window.login.pin, "9999")
    window.login.submit_button.click()
    qtbot.waitUntil(lambda: "Code PIN erroné" in window.login.status.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.login
    assert station.session is None
    assert window.login.pin.text() == ""


def test_wizard_is_usable_from_the_keyboard_and_keeps_the_draft(window, station, hw_mocks, qtbot):
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)  # shortcuts act in the active window
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    qtbot.keyClick(window.home.new_button, Qt.Key.Key_Space)
    wiz = window.wizard
    qtbot.waitUntil(lambda: window.pages.currentWidget() is wiz, timeout=5_000)
    qtbot.keyClick(wiz, Qt.Key.Key_PageDown)
    assert wiz.current_step is wiz.steps[1]
    qtbot.keyClicks(wiz.steps[1].surname, "Lefevre-Ba")
    qtbot.keyClick(wiz, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wiz.current_step is wiz.steps[2]
    dossier_id = wiz.dossier.id
    # The draft was saved on the move: a reopened store has it, surname in capitals as on the title.
    assert station.store.dossiers.load(dossier_id).civil.surname == "LEFEVRE-BA"
    window.home.logout_requested.emit()
    scenario.login(window, lambda: None, PIN, lambda _: None)
    assert window.home.drafts.count() == 1
    qtbot.keyClick(window.home.resume_button, Qt.Key.Key_Space)
    assert wiz.dossier.id == dossier_id and wiz.steps[1].surname.text() == "LEFEVRE-BA"
