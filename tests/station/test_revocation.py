"""Agent revocation: a newer list ends the revoked card's open session at once, the list is believed a day
past its nextUpdate (not a week), and nothing the agent CA signs is accepted once the CA itself is expired."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from devstation import scenario
from devstation.cert_service import CertService
from installer.pki import PkiPaths, _issue, make_crl
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station import context
from station.errors import AuthError, ConfigError
from station.revocation import RevocationList
from tests.fixtures.station import PIN, station_setup
from tests.station.test_login import login_with, wait_refused


def _agent_ca(pki: PkiPaths) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = serialization.load_pem_private_key(pki.key("agent-ca").read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return x509.load_pem_x509_certificate(pki.pem("agent-ca").read_bytes()), key


def _crl_revoking(pki: PkiPaths, *cards: str, now: dt.datetime | None = None, days: int = 7) -> bytes:
    ca, key = _agent_ca(pki)
    certs = [x509.load_pem_x509_certificate(pki.agent_pem(c).read_bytes()) for c in cards]
    return make_crl(ca.subject, key, certs, days=days, now=now).public_bytes(serialization.Encoding.PEM)


def _expired_agent_ca(pki: PkiPaths) -> x509.Certificate:
    """The same CA (subject and key: every card still chains to it) whose own validity ended yesterday."""
    ca, key = _agent_ca(pki)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=11)
    return _issue(ca.subject, key, ca.subject, key, ca=True, days=10, not_before=start)


@pytest.fixture
def private_cert(pki: PkiPaths, tmp_path: Path):
    """A CERT of its own serving a copy of the PKI, so a test can publish a new revocation list."""
    copy = PkiPaths(tmp_path / "cert-pki")
    shutil.copytree(pki.root, copy.root)
    service = CertService(copy, tmp_path / "cert-data")
    service.start()
    yield service
    service.stop()


def test_a_newer_list_ends_the_revoked_cards_open_session_at_once(
        private_cert, pki, hw_mocks, qtbot, make_window, tmp_path):
    setup = station_setup(pki, private_cert.url, hw_mocks, tmp_path / "station")
    ctx = context.build(config_mod.load(write_station(setup, tmp_path / "station.toml")))
    window = make_window(ctx)
    try:
        scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
        window.home.new_button.click()
        window.wizard.go_to(1)
        qtbot.keyClicks(window.wizard.steps[1].surname, "Revoque")
        dossier_id = window.wizard.dossier.id

        # The agent CA revokes Camille MARTIN's card; the CERT publishes the list; the hourly refresh runs.
        private_cert.pki.pem("agent-crl").write_bytes(_crl_revoking(pki, "revoked", "agent"))
        window.refresh_revocation()

        qtbot.waitUntil(lambda: ctx.session is None, timeout=15_000)
        assert window.pages.currentWidget() is window.login
        assert "révoquée" in window.login.status.text()
        assert window.banner.isVisible() and "révoquée" in window.banner.text()
        assert window.login.locked_by is None  # the station is free for the next agent
        assert ctx.store.dossiers.load(dossier_id).civil.surname == "REVOQUE"  # the draft was saved

        # The same card cannot open a new session; another agent's card can.
        hw_mocks.remove_card()
        login_with(window, hw_mocks, qtbot, "agent")
        assert "révoquée" in wait_refused(window, qtbot)
        hw_mocks.remove_card()
        login_with(window, hw_mocks, qtbot, "agent2")
        qtbot.waitUntil(lambda: ctx.session is not None, timeout=15_000)
        # A further list that does not revoke agent2 leaves that session alone (installed on this, the GUI
        # thread, the window's check runs before install() returns).
        ctx.revocation.install(_crl_revoking(pki, "revoked", "agent",
                                             now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)))
        assert ctx.session is not None and ctx.session.agent_id == "AG-0004"
    finally:
        window.close()  # before its store closes: the window's timers read it
        ctx.close()


def test_the_list_is_believed_a_day_past_its_next_update_not_a_week(pki, tmp_path):
    config = config_mod.AuthSection(agent_ca=pki.pem("agent-ca"))
    assert config.crl_grace_hours == 24
    ca, _ = _agent_ca(pki)
    crl = RevocationList(tmp_path / "crl.der", ca, dt.timedelta(hours=config.crl_grace_hours))
    crl.install(_crl_revoking(pki, "revoked"))
    card = x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
    next_update = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    crl.check(card, next_update + dt.timedelta(hours=23))
    with pytest.raises(AuthError) as stale:
        crl.check(card, next_update + dt.timedelta(hours=25))
    assert stale.value.code == "auth.crl_unavailable"
    assert not crl.status(next_update + dt.timedelta(hours=25)).ok


def test_the_old_grace_in_days_is_refused_with_the_key_to_use(pki, tmp_path):
    toml = tmp_path / "station.toml"
    write_station(StationSetup(station_id="DR-21231-01", mairie_insee="21231", mairie_name="Mairie de Dijon",
                               data_dir=tmp_path / "station", cert_url="https://127.0.0.1:1", pki=pki), toml)
    text = toml.read_text().replace("crl_grace_hours = 24", "crl_grace_days = 7")
    toml.write_text(text)
    with pytest.raises(ConfigError) as bad:
        config_mod.load(toml)
    assert "crl_grace_hours" in bad.value.message and "crl_grace_days" in bad.value.message


def test_an_expired_agent_ca_vouches_for_no_revocation_list(pki, tmp_path):
    crl = RevocationList(tmp_path / "crl.der", _expired_agent_ca(pki), dt.timedelta(hours=24))
    crl.install(_crl_revoking(pki, "revoked"))  # its signature still checks: only the CA's dates are wrong
    card = x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
    with pytest.raises(AuthError) as refused:
        crl.check(card, dt.datetime.now(dt.UTC))
    assert refused.value.code == "auth.ca_invalid" and "autorité des agents" in refused.value.message
    assert not crl.status(dt.datetime.now(dt.UTC)).ok


def test_an_expired_agent_ca_refuses_login_with_a_clear_message(
        pki, cert_service, hw_mocks, qtbot, make_window, tmp_path):
    copy = PkiPaths(tmp_path / "station-pki")
    shutil.copytree(pki.root, copy.root)
    copy.pem("agent-ca").write_bytes(_expired_agent_ca(pki).public_bytes(serialization.Encoding.PEM))
    setup = station_setup(copy, cert_service.url, hw_mocks, tmp_path / "station")
    ctx = context.build(config_mod.load(write_station(setup, tmp_path / "station.toml")))
    window = make_window(ctx)
    try:
        login_with(window, hw_mocks, qtbot, "agent")
        refused = wait_refused(window, qtbot)
        assert "autorité des agents" in refused and "n'est pas valide" in refused
        assert ctx.session is None
    finally:
        window.close()
        ctx.close()
