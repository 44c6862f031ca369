"""Station provisioning at the CERT over real HTTPS: one-time token + CSR in, client certificate out; and the
deny-by-default rule for connections without a client certificate."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cert.cli import main as cert_cli
from cert.lookups.seed import FEE_STAMPS
from cert.provisioning import StationRegistry
from cert.station_ca import Registration
from devstation.cert_service import REPO_ROOT, CertService
from installer.pki import PkiPaths, make_test_pki

NEW_STATION = "DR-21231-02"


def add_station(svc: CertService, capsys: pytest.CaptureFixture[str], station_id: str = NEW_STATION,
                *extra: str) -> str:
    """The operator's `cert-server station add`, against the running service's data folder."""
    capsys.readouterr()
    assert cert_cli(["station", "add", station_id, "--data-dir", str(svc.data_dir),
                     "--mairie-name", "Mairie de Dijon", *extra]) == 0
    return capsys.readouterr().out.strip()


def csr_for(key, cn: str = NEW_STATION, **more: str) -> str:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if "O" in more:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, more["O"]))
    csr = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attrs)).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM).decode()


def provision(session: requests.Session, svc: CertService, token: str, csr: str) -> requests.Response:
    return session.post(f"{svc.url}/v1/stations/provision", json={"token": token, "csr": csr}, timeout=10)


def refusal(r: requests.Response) -> tuple[int, str]:
    body = r.json()
    assert set(body) == {"error", "detail"} and body["detail"]
    return r.status_code, body["error"]


def mtls(pki: PkiPaths, cert: Path, key: Path) -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.verify = str(pki.pem("cert-ca"))
    s.cert = (str(cert), str(key))
    return s


def test_a_token_and_a_csr_give_a_client_certificate_the_cert_then_accepts(
        anonymous, pki, cert_service, capsys, tmp_path):
    token = add_station(cert_service, capsys)
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", token)  # 160 bits, typable, never "-..."
    key = ec.generate_private_key(ec.SECP256R1())
    # The CSR asks for another organisation: the CERT builds the subject itself.
    r = provision(anonymous, cert_service, token, csr_for(key, O="Mairie de Paris"))
    assert r.status_code == 201
    reply = r.json()
    assert reply["chain"] == [pki.pem("station-ca").read_text()]
    assert reply["trust_anchor"] == pki.pem("cert-ca").read_text()
    cert = x509.load_pem_x509_certificate(reply["certificate"].encode())
    ca = x509.load_pem_x509_certificate(pki.pem("station-ca").read_bytes())
    cert.verify_directly_issued_by(ca)
    assert cert.subject.rfc4514_string() == "CN=DR-21231-02,2.5.4.97=INSEE:21231,O=Mairie de Dijon,C=FR"
    assert cert.public_key() == key.public_key()
    assert list(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.CLIENT_AUTH]
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and not usage.key_cert_sign
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days == 825

    # The new certificate opens the authenticated endpoints: its CN is a station the CERT knows.
    key_file, cert_file = tmp_path / "new.key", tmp_path / "new.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_text(reply["certificate"])
    url = f"{cert_service.url}/v1/fee-stamps/{FEE_STAMPS['valid_86']}"
    assert refusal(anonymous.get(url, timeout=10)) == (403, "no_client_identity")
    with mtls(pki, cert_file, key_file) as station:
        assert station.get(url, timeout=10).json()["status"] == "valid"


def test_the_same_key_again_gets_the_same_certificate_another_key_409(anonymous, cert_service, capsys):
    token = add_station(cert_service, capsys)
    key = ec.generate_private_key(ec.SECP256R1())
    first = provision(anonymous, cert_service, token, csr_for(key))
    assert first.status_code == 201
    # The station lost the first reply; the technician retypes the token in lower case with spaces.
    again = provision(anonymous, cert_service, token.lower().replace("-", " "), csr_for(key))
    assert again.status_code == 200 and again.json() == first.json()
    other = provision(anonymous, cert_service, token, csr_for(ec.generate_private_key(ec.SECP256R1())))
    assert refusal(other) == (409, "token_used")


def test_unknown_expired_and_superseded_tokens_are_403(anonymous, cert_service, capsys):
    key = ec.generate_private_key(ec.SECP256R1())
    assert refusal(provision(anonymous, cert_service, "not-a-token", csr_for(key))) == (403, "token_unknown")
    registry = StationRegistry(cert_service.data_dir)  # the service's own registry file, shared (WAL)
    try:
        expired = registry.add(Registration(NEW_STATION, "21231", "Mairie de Dijon"), valid_hours=72,
                               now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=73))
    finally:
        registry.close()
    assert refusal(provision(anonymous, cert_service, expired, csr_for(key))) == (403, "token_expired")
    first = add_station(cert_service, capsys)
    second = add_station(cert_service, capsys)  # a new token for the station cancels the unused one
    assert refusal(provision(anonymous, cert_service, first, csr_for(key))) == (403, "token_expired")
    assert provision(anonymous, cert_service, second, csr_for(key)).status_code == 201


def _bad_signature(key) -> str:
    der = bytearray(x509.load_pem_x509_csr(csr_for(key).encode()).public_bytes(serialization.Encoding.DER))
    der[-1] ^= 0x01  # the last byte of the ECDSA signature's s
    return x509.load_der_x509_csr(bytes(der)).public_bytes(serialization.Encoding.PEM).decode()


@pytest.mark.parametrize("make_csr, expected", [
    (lambda: csr_for(ec.generate_private_key(ec.SECP256R1()), cn="DR-21231-01"), "csr_subject_mismatch"),
    (lambda: csr_for(rsa.generate_private_key(65537, 2048)), "csr_key_unsupported"),
    (lambda: csr_for(ec.generate_private_key(ec.SECP384R1())), "csr_key_unsupported"),
    (lambda: _bad_signature(ec.generate_private_key(ec.SECP256R1())), "csr_signature_invalid"),
    (lambda: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "csr_malformed"),
], ids=["other-station", "rsa", "p384", "bad-signature", "garbage"])
def test_a_bad_csr_is_400_and_leaves_the_token_usable(make_csr, expected, anonymous, cert_service, capsys):
    token = add_station(cert_service, capsys)
    assert refusal(provision(anonymous, cert_service, token, make_csr())) == (400, expected)
    good = csr_for(ec.generate_private_key(ec.SECP256R1()))
    assert provision(anonymous, cert_service, token, good).status_code == 201


def test_a_malformed_body_is_400(anonymous, cert_service):
    r = anonymous.post(f"{cert_service.url}/v1/stations/provision", data=b"{not json", timeout=10)
    assert refusal(r) == (400, "provision_bad_request")
    r = anonymous.post(f"{cert_service.url}/v1/stations/provision", json={"token": "x"}, timeout=10)
    assert refusal(r) == (400, "provision_bad_request")


def test_without_a_client_certificate_only_public_paths_answer(anonymous, cert_service):
    base = cert_service.url
    assert anonymous.get(f"{base}/v1/health", timeout=10).json() == {"status": "ok"}
    assert anonymous.get(f"{base}/v1/agent-crl", timeout=10).status_code == 200
    for method, path in [("PUT", "/v1/dossiers/3f1d2c4b"), ("GET", "/v1/ephoto/ABCDEFGHJKLMNPQRSTUVWX"),
                         ("GET", "/v1/titles/X4RTBPFW4"), ("GET", "/v1/no-such-endpoint"),
                         ("GET", "/openapi.json")]:
        r = anonymous.request(method, f"{base}{path}", data=b"{}", timeout=10)
        assert refusal(r) == (403, "no_client_identity"), path
    assert cert_service.received() == []


def test_a_client_certificate_from_an_unknown_ca_is_refused_at_the_handshake(pki, cert_service, tmp_path):
    stranger = make_test_pki(tmp_path / "stranger", NEW_STATION, "21231")
    with mtls(pki, stranger.pem("station"), stranger.key("station")) as s, \
            pytest.raises(requests.exceptions.ConnectionError):  # SSLError, or a reset under TLS 1.3
        s.get(f"{cert_service.url}/v1/health", timeout=10)


def test_station_list_shows_state_serial_and_expiry_never_the_token(anonymous, cert_service, capsys):
    pending = add_station(cert_service, capsys, "DR-21231-03")
    token = add_station(cert_service, capsys)
    r = provision(anonymous, cert_service, token, csr_for(ec.generate_private_key(ec.SECP256R1())))
    cert = x509.load_pem_x509_certificate(r.json()["certificate"].encode())
    out = subprocess.run([sys.executable, "-m", "cert.cli", "station", "list", "--data-dir",
                          str(cert_service.data_dir)], cwd=REPO_ROOT, capture_output=True, text=True,
                         check=True).stdout
    provisioned = next(line for line in out.splitlines() if line.startswith(NEW_STATION))
    assert "provisioned" in provisioned and f"{cert.serial_number:x}" in provisioned
    assert cert.not_valid_after_utc.isoformat() in provisioned
    assert "pending" in next(line for line in out.splitlines() if line.startswith("DR-21231-03"))
    assert token not in out and pending not in out
    assert token not in (cert_service.data_dir / "stations.sqlite3").read_bytes().decode("latin-1")


def test_station_add_needs_the_insee_code_when_the_id_does_not_carry_it(cert_service, capsys):
    assert cert_cli(["station", "add", "POSTE-7", "--data-dir", str(cert_service.data_dir)]) == 2
    assert "--mairie-insee" in capsys.readouterr().err
    assert cert_cli(["station", "add", "POSTE-7", "--data-dir", str(cert_service.data_dir),
                     "--mairie-insee", "2A004"]) == 0
