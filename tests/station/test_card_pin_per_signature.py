"""A card that unlocks its signature key one signature at a time (a PIV digital signature key, through
OpenSC): the agent logs in once, and is asked for the PIN again to seal, in a prompt that keeps it nowhere."""

from __future__ import annotations

import pytest
from cryptography import x509

from cert.storage import Storage
from devstation import scenario
from enrollment.model import State
from tests.fixtures.station import PIN

pytestmark = pytest.mark.e2e


def test_the_agent_types_the_pin_again_to_seal_and_the_dossier_reaches_the_cert(
        make_station, make_window, hw_mocks, cert_service, qtbot, pki, monkeypatch):
    asked: list[str] = []

    def agent_types_the_pin(parent, why: str) -> str:
        asked.append(why)
        return PIN

    monkeypatch.setattr("station.ui.card_pin_prompt.ask_card_pin", agent_types_the_pin)
    station = make_station(smartcard_key="02")  # the card's digital signature key
    window = make_window(station)
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    dossier_id = scenario.enroll(window, scenario.Applicant(coupled=False), hw_mocks.scan_barcode, lambda _: None)

    qtbot.waitUntil(lambda: station.store.dossiers.state_of(dossier_id) is State.PURGED, timeout=60_000)
    assert len(asked) == 1 and "code PIN pour chaque signature" in asked[0]
    storage = Storage(cert_service.data_dir)
    try:
        [received] = storage.all()
        files = storage.files(received.dossier_number)
    finally:
        storage.close()
    signer = x509.load_pem_x509_certificate(files["agent-certificate.pem"])
    assert signer == x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
