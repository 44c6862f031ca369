"""Properties of the agent revocation list reader: any bytes offered as a list, a damaged copy of
a genuine one included, are installed only when signed by the agent CA and otherwise refused with the
documented ValueError; a damaged file on disk reads as "no list", never as an exception at login."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installer.pki import make_crl
from station.revocation import RevocationList
from tests.damaged_bytes import damaged

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NOW = dt.datetime.now(dt.UTC)


def _ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Agents test CA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=9))
            .sign(key, hashes.SHA256()))
    return cert, key


CA, CA_KEY = _ca()
GENUINE = make_crl(CA.subject, CA_KEY, [CA], now=NOW).public_bytes(serialization.Encoding.DER)
GENUINE_PEM = make_crl(CA.subject, CA_KEY, [], now=NOW).public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def crl(tmp_path) -> RevocationList:
    return RevocationList(tmp_path / "agent-crl.der", CA, dt.timedelta(days=7))


SAMPLES = [GENUINE, GENUINE_PEM]


@FAST
@given(damaged(SAMPLES, max_cut=8) | st.binary(max_size=64))
def test_any_offered_list_is_installed_only_when_genuine_else_refused(crl, data):
    try:
        crl.install(data)
    except ValueError:
        assert not crl.path.exists() or crl.path.read_bytes() != data
        return
    assert crl.status(NOW).ok


@FAST
@given(damaged(SAMPLES, max_cut=8))
def test_a_damaged_list_on_disk_is_no_list_not_an_exception(crl, data):
    crl.path.write_bytes(data)
    crl.status(NOW)
    try:
        crl.check(CA, NOW)
    except Exception as exc:  # only the AuthError the login screen shows
        assert type(exc).__name__ == "AuthError"
