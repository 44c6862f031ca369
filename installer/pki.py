"""The local test PKI made at set-up for demos and tests (never committed).

Three authorities, as in the real system: the CERT's CA (its TLS server and the key that signs
acknowledgements), the station CA (client certificates of stations; real stations get theirs by provisioning)
and the agent CA (agents' smart cards). All keys are ECDSA P-256.

Layout of the folder:
  cert-ca.pem/.key          CERT root: the station's trust anchor
  cert-server.pem/.key      TLS server for localhost, 127.0.0.1, ::1
  cert-receipt.pem/.key     signs acknowledgements (receipts): digitalSignature only and the receipt-signing
                            extended key usage (docs/cert-api.md); nothing else the root issues may sign one
  cert-reference.pem/.key   signs reference data (fee table, communes, trust lists: docs/reference-data.md):
                            digitalSignature only and the reference-signing extended key usage
  cert-encryption.pem/.key  key agreement: stations encrypt packages for it (HPKE, docs/package-format.md)
  station-ca.pem/.key       trusted by the CERT for client certificates
  station.pem/.key          this station's client certificate (CN = station id)
  agent-ca.pem/.key         agent cards
  agent-crl.pem             the agent CA's revocation list (the CERT service distributes it)
  agents/NAME.pem/.key      one agent card each (DEFAULT_AGENTS): agent, supervisor, technician,
                            agent2, expired, revoked, blocked, foreign, other-mairie
  agents/cards.json         what the card emulator needs beyond the files: PIN, tries, blocked
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sync.receipts import RECEIPT_SIGNING_EKU, is_receipt_signer
from sync.reference.envelope import REFERENCE_SIGNING_EKU

# The agent's role travels in the certificate's OU; the mairie's INSEE code in organizationIdentifier.
ROLE_AGENT = "agent"
ROLE_SUPERVISOR = "superviseur"
ROLE_TECHNICIAN = "technicien"


@dataclass(frozen=True)
class AgentIdentity:
    """One ready-made agent card. Its certificate's quirk (expired, revoked…) is what the tests exercise."""

    name: str  # file stem and the name `hw-mocks card insert NAME` takes
    given_name: str
    surname: str
    role: str
    agent_id: str
    expired: bool = False  # validity ended yesterday
    revoked: bool = False  # listed in agent-crl.pem
    foreign: bool = False  # issued by a CA the station does not trust
    other_mairie: str = ""  # INSEE code of another mairie
    pin_blocked: bool = False  # the card's PIN has no try left (a card property, read by the emulator)


DEFAULT_AGENTS = (
    AgentIdentity("agent", "Camille", "Martin", ROLE_AGENT, "AG-0001"),
    AgentIdentity("supervisor", "Dominique", "Bernard", ROLE_SUPERVISOR, "AG-0002"),
    AgentIdentity("technician", "Alex", "Petit", ROLE_TECHNICIAN, "TC-0003"),
    AgentIdentity("agent2", "Sacha", "Lambert", ROLE_AGENT, "AG-0004"),
    AgentIdentity("expired", "Claude", "Moreau", ROLE_AGENT, "AG-0005", expired=True),
    AgentIdentity("revoked", "Morgan", "Leroy", ROLE_AGENT, "AG-0006", revoked=True),
    AgentIdentity("blocked", "Yannick", "Roux", ROLE_AGENT, "AG-0007", pin_blocked=True),
    AgentIdentity("foreign", "Noa", "Fournier", ROLE_AGENT, "AG-0008", foreign=True),
    AgentIdentity("other-mairie", "Eden", "Girard", ROLE_AGENT, "AG-0009", other_mairie="75056"),
)
CARD_PIN = "1234"  # every test card's PIN; a real card's PIN is chosen by its holder
CRL_DAYS = 7  # the agent CA publishes a new list at least weekly


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
    key_agreement: bool = False,
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
        # An encryption key only agrees keys (it never signs); every other end-entity key only signs.
        b = b.add_extension(
            x509.KeyUsage(not key_agreement, False, False, False, key_agreement, False, False, False, False),
            critical=True,
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


def _issue_receipt_signer(paths: PkiPaths, cert_ca: x509.Name, cert_ca_key: ec.EllipticCurvePrivateKey) -> None:
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key("cert-receipt"), k)
    _write_cert(paths.pem("cert-receipt"), _issue(
        _name(C="FR", O="CERT test", CN="CERT receipts"), k, cert_ca, cert_ca_key, ca=False, days=825,
        eku=[RECEIPT_SIGNING_EKU]))


def issue_reference_signer(paths: PkiPaths) -> None:
    """The CERT's reference-data signing certificate, issued by the CERT root the stations trust."""
    ca_key = serialization.load_pem_private_key(paths.key("cert-ca").read_bytes(), password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    ca = x509.load_pem_x509_certificate(paths.pem("cert-ca").read_bytes())
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key("cert-reference"), k)
    _write_cert(paths.pem("cert-reference"), _issue(
        _name(C="FR", O="CERT test", CN="CERT reference data"), k, ca.subject, ca_key, ca=False, days=825,
        eku=[REFERENCE_SIGNING_EKU]))


def make_test_pki(root: Path, station_id: str, mairie_insee: str, mairie_name: str = "Mairie de test") -> PkiPaths:
    """Create the whole PKI under `root` unless it is already there (idempotent: set-up runs it each time)."""
    paths = PkiPaths(root)
    if (paths.pem("agent-crl").exists() and paths.agent_pem(DEFAULT_AGENTS[-1].name).exists()
            and paths.pem("cert-encryption").exists()):
        receipt = paths.pem("cert-receipt")
        if not receipt.exists() or not is_receipt_signer(x509.load_pem_x509_certificate(receipt.read_bytes())):
            # Made by older code: stations now refuse its receipts, so re-issue it under the same root.
            ca_key = serialization.load_pem_private_key(paths.key("cert-ca").read_bytes(), password=None)
            assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
            ca = x509.load_pem_x509_certificate(paths.pem("cert-ca").read_bytes())
            _issue_receipt_signer(paths, ca.subject, ca_key)
        if not paths.pem("sbi-device").exists():
            issue_sbi_device(paths)  # made by older code, before the SBI devices
        if not paths.pem("cert-reference").exists():
            issue_reference_signer(paths)  # made by older code, before reference data
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
    _issue_receipt_signer(paths, cert_ca, cert_ca_key)
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key("cert-encryption"), k)
    _write_cert(paths.pem("cert-encryption"), _issue(
        _name(C="FR", O="CERT test", CN="CERT package encryption"), k, cert_ca, cert_ca_key, ca=False,
        days=825, key_agreement=True))

    issue_reference_signer(paths)

    _ca(paths, "station-ca", "Stations test CA")
    issue_station(paths, "station", station_id, mairie_insee, mairie_name)

    agent_ca, agent_ca_key = _ca(paths, "agent-ca", "Agents test CA")
    # The foreign CA signs one card and is then forgotten: nothing the station trusts knows it.
    foreign_ca = _name(C="FR", O="Autre autorite", CN="Foreign agents CA")
    foreign_key = ec.generate_private_key(ec.SECP256R1())
    revoked: list[x509.Certificate] = []
    cards = {}
    for a in DEFAULT_AGENTS:
        k = ec.generate_private_key(ec.SECP256R1())
        subject = _name(C="FR", O=mairie_name, orgId=f"INSEE:{a.other_mairie or mairie_insee}", OU=a.role,
                        serialNumber=a.agent_id, GN=a.given_name, SN=a.surname,
                        CN=f"{a.given_name} {a.surname.upper()}")
        issuer, issuer_key = (foreign_ca, foreign_key) if a.foreign else (agent_ca, agent_ca_key)
        start = dt.datetime.now(dt.UTC) - dt.timedelta(days=800) if a.expired else None
        cert = _issue(subject, k, issuer, issuer_key, ca=False, days=799 if a.expired else 825,
                      eku=[ExtendedKeyUsageOID.CLIENT_AUTH], not_before=start)
        _write_key(paths.agent_key(a.name), k)
        _write_cert(paths.agent_pem(a.name), cert)
        if a.revoked:
            revoked.append(cert)
        cards[a.name] = {"pin": CARD_PIN, "tries": 0 if a.pin_blocked else 3, "max_tries": 3}
    (root / "agents" / "cards.json").write_text(json.dumps(cards, indent=2))
    paths.pem("agent-crl").write_bytes(make_crl(agent_ca, agent_ca_key, revoked).public_bytes(
        serialization.Encoding.PEM))
    issue_sbi_device(paths)
    return paths


def issue_sbi_device(paths: PkiPaths) -> None:
    """A biometric device provider's CA (`sbi-provider-ca`, which the station trusts) and the device key
    and certificate it issued (`sbi-device`, RSA as MOSIP's devices sign RS256): hw-mocks' SBI service
    signs with them."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    provider, provider_key = _ca(paths, "sbi-provider-ca", "Biometric device provider test CA")
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    paths.key("sbi-device").write_bytes(k.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    paths.key("sbi-device").chmod(0o600)
    _write_cert(paths.pem("sbi-device"), _issue(
        _name(C="FR", O="Recueil test devices", CN="SBI test device"), k, provider, provider_key,  # type: ignore[arg-type]
        ca=False, days=825))


def issue_station(paths: PkiPaths, name: str, station_id: str, mairie_insee: str, mairie_name: str) -> None:
    """A station's client certificate and key (`name`.pem/.key) from the test station CA, as the installer
    made them before provisioning; benches that model many stations issue one each."""
    ca_cert = x509.load_pem_x509_certificate(paths.pem("station-ca").read_bytes())
    ca_key = serialization.load_pem_private_key(paths.key("station-ca").read_bytes(), password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    k = ec.generate_private_key(ec.SECP256R1())
    _write_key(paths.key(name), k)
    _write_cert(paths.pem(name), _issue(
        _name(C="FR", O=mairie_name, orgId=f"INSEE:{mairie_insee}", CN=station_id), k, ca_cert.subject,
        ca_key, ca=False, days=825, eku=[ExtendedKeyUsageOID.CLIENT_AUTH]))


def make_crl(issuer: x509.Name, issuer_key: ec.EllipticCurvePrivateKey, revoked: list[x509.Certificate],
             days: int = CRL_DAYS, now: dt.datetime | None = None) -> x509.CertificateRevocationList:
    now = now or dt.datetime.now(dt.UTC)
    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=days))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
    )
    for cert in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(now).build()
        )
    return b.sign(issuer_key, hashes.SHA256())
