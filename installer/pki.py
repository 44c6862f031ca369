"""The local test PKI made at set-up for demos and tests (never committed).

Three authorities, as in the real system: the CERT's CA (its TLS server and the key that signs
acknowledgements), the station CA (client certificates of stations; issue 8 moves issuance to provisioning)
and the agent CA (agents' smart cards). All keys are ECDSA P-256.

Layout of the folder:
  cert-ca.pem/.key          CERT root: the station's trust anchor
  cert-server.pem/.key      TLS server for localhost, 127.0.0.1, ::1
  cert-receipt.pem/.key     signs acknowledgements (receipts)
  station-ca.pem/.key       trusted by the CERT for client certificates
  station.pem/.key          this station's client certificate (CN = station id)
  agent-ca.pem/.key         agent cards
  agents/NAME.pem/.key      one agent card each: agent, supervisor, technician
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# The agent's role travels in the certificate's OU; the mairie's INSEE code in organizationIdentifier.
ROLE_AGENT = "agent"
ROLE_SUPERVISOR = "superviseur"
ROLE_TECHNICIAN = "technicien"


@dataclass(frozen=True)
class AgentIdentity:
    name: str  # file stem and the name `hw-mocks card insert NAME` takes
    given_name: str
    surname: str
    role: str
    agent_id: str


DEFAULT_AGENTS = (
    AgentIdentity("agent", "Camille", "Martin", ROLE_AGENT, "AG-0001"),
    AgentIdentity("supervisor", "Dominique", "Bernard", ROLE_SUPERVISOR, "AG-0002"),
    AgentIdentity("technician", "Alex", "Petit", ROLE_TECHNICIAN, "TC-0003"),
)


@dataclass(frozen=True)
class PkiPaths:
    root: Path

    def pem(self, name: str) -> Path:
        return self.root / f"{name}.pem"

    def key(self, name: str) -> Path:
        return self.root / f"{name}.key"

    def agent_pem(self, name: str) -> Path:
        return self.root / "agents" / f"{name}.pem"

    def agent_key(self, name: str) -> Path:
        return self.root / "agents" / f"{name}.key"


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    path.chmod(0o600)


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _name(**attrs: str) -> x509.Name:
    oids = {
        "C": NameOID.COUNTRY_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
        "CN": NameOID.COMMON_NAME,
        "GN": NameOID.GIVEN_NAME,
        "SN": NameOID.SURNAME,
        "serialNumber": NameOID.SERIAL_NUMBER,
        "orgId": NameOID.ORGANIZATION_IDENTIFIER,
    }
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in attrs.items()])


def _issue(
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
    days: int,
    eku: list[x509.ObjectIdentifier] | None = None,
    sans: list[x509.GeneralName] | None = None,
    not_before: dt.datetime | None = None,
) -> x509.Certificate:
    start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if ca:
        b = b.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        b = b.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    if sans:
        b = b.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    return b.sign(issuer_key, hashes.SHA256())


def _ca(paths: PkiPaths, name: str, cn: str) -> tuple[x509.Name, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(C="FR", O="Recueil test PKI", CN=cn)
    _write_key(paths.key(name), key)
    _write_cert(paths.pem(name), _issue(subject, key, subject, key, ca=True, days=3650))
    return subject, key


def make_test_pki(root: Path, station_id: str, mairie_insee: str, mairie_name: str = "Mairie de test") -> PkiPaths:
    """Create the whole PKI under `root` unless it is already there (idempotent: set-up runs it each time)."""
    paths = PkiPaths(root)
    if paths.pem("station").exists() and paths.agent_pem(DEFAULT_AGENTS[-1].name).exists():
        return paths
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)

    cert_ca, cert_ca_key = _ca(paths, "cert-ca", "CERT test root CA")
    k = ec.generate_private_key(ec.SECP256R1())
    sans: list[x509.GeneralName] = [
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("::1")),
    ]
    _write_key(paths.key("cert-server"), k)
    _write_cert(paths.pem("cert-server"), _issue(
        _name(C="FR", O="CERT test", CN="localhost"), k, cert_ca, cert_ca_key, ca=False, days=825,
        eku=[ExtendedKeyUsageOID.SERVER_AUTH], sans=sans))
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key("cert-receipt"), k)
    _write_cert(paths.pem("cert-receipt"), _issue(
        _name(C="FR", O="CERT test", CN="CERT receipts"), k, cert_ca, cert_ca_key, ca=False, days=825))

    station_ca, station_ca_key = _ca(paths, "station-ca", "Stations test CA")
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key("station"), k)
    _write_cert(paths.pem("station"), _issue(
        _name(C="FR", O=mairie_name, orgId=f"INSEE:{mairie_insee}", CN=station_id), k, station_ca,
        station_ca_key, ca=False, days=825, eku=[ExtendedKeyUsageOID.CLIENT_AUTH]))

    agent_ca, agent_ca_key = _ca(paths, "agent-ca", "Agents test CA")
    for a in DEFAULT_AGENTS:
        k = ec.generate_private_key(ec.SECP256R1())
        subject = _name(C="FR", O=mairie_name, orgId=f"INSEE:{mairie_insee}", OU=a.role,
                        serialNumber=a.agent_id, GN=a.given_name, SN=a.surname,
                        CN=f"{a.given_name} {a.surname.upper()}")
        _write_key(paths.agent_key(a.name), k)
        _write_cert(paths.agent_pem(a.name), _issue(
            subject, k, agent_ca, agent_ca_key, ca=False, days=825, eku=[ExtendedKeyUsageOID.CLIENT_AUTH]))
    return paths
