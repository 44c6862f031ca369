"""Titles waiting at a mairie, made the way the CERT makes them: a real sealed package acknowledged over
HTTPS, its title produced from what the CERT stored (`cert.lookups.production.produce`), the envelope
scanned. Shared by the CERT's delivery tests and the station's delivery client tests."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cert.lookups.production import produce
from cert.lookups.titles import envelope_barcode
from cert.station_ca import Registration, StationIssuer
from devstation.agent_keys import KeyFileAgent
from devstation.cert_service import CertService
from devstation.factories import complete_dossier
from installer.pki import PkiPaths
from sync.package import AgentSigner, Sealer


def years_ago(n: int) -> date:
    """A birth date n years ago (n years old since 1 January)."""
    return date(date.today().year - n, 1, 1)


def acknowledged(http: requests.Session, svc: CertService, sealer: Sealer, agent_signer: AgentSigner,
        birth: date = date(1990, 3, 2),
                 **dossier: object) -> str:
    """A complete dossier (the factory's, with the `dossier` fields given) sealed and received by the CERT:
    its CERT dossier number."""
    key = str(uuid.uuid4())
    data = sealer.seal(complete_dossier(birth=birth).model_copy(update={**dossier, "id": key}), agent_signer).data
    r = http.put(f"{svc.url}/v1/dossiers/{key}", data=data,
                 headers={"Content-SHA256": hashlib.sha256(data).hexdigest()}, timeout=30)
    assert r.status_code == 201, r.text
    return json.loads(base64.b64decode(r.json()["receipt"]))["dossier_number"]


def waiting_title(http: requests.Session, svc: CertService, sealer: Sealer, agent_signer: AgentSigner,
        birth: date = date(1990, 3, 2),
                  scan: bool = True, **dossier: object) -> str:
    """The number of a title produced from a fresh dossier (`dossier`: fields in place of the factory's),
    its envelope scanned by `http`'s station."""
    made = produce(svc.data_dir, acknowledged(http, svc, sealer, agent_signer, birth, **dossier))
    if scan:
        r = http.post(f"{svc.url}/v1/envelopes/received", json={"barcode": envelope_barcode(made.number)}, timeout=10)
        assert r.status_code == 200, r.text
    return made.number


@dataclass(frozen=True)
class StationFiles:
    session: requests.Session
    cert: Path
    key: Path


def other_station(pki: PkiPaths, folder: Path, station_id: str, insee: str) -> StationFiles:
    """Another station's certificate, issued by the CERT's station CA as provisioning would, and a session."""
    issuer = StationIssuer(pki.pem("station-ca"), pki.key("station-ca"), pki.pem("cert-ca"))
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, station_id)]))
           .sign(key, hashes.SHA256()))
    cert = issuer.issue(csr, Registration(station_id, insee, f"Mairie {insee}"))
    cert_path, key_path = folder / f"{station_id}.pem", folder / f"{station_id}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    s = requests.Session()
    s.trust_env = False
    s.cert = (str(cert_path), str(key_path))
    s.verify = str(pki.pem("cert-ca"))
    return StationFiles(s, cert_path, key_path)


def agent_of_mairie(pki: PkiPaths, insee: str, agent_id: str, role: str = "agent") -> KeyFileAgent:
    """An agent card's certificate and key for another mairie, issued by the test agent CA."""
    ca_key = serialization.load_pem_private_key(pki.key("agent-ca").read_bytes(), password=None)
    ca = x509.load_pem_x509_certificate(pki.pem("agent-ca").read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                         x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"INSEE:{insee}"),
                         x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
                         x509.NameAttribute(NameOID.SERIAL_NUMBER, agent_id),
                         x509.NameAttribute(NameOID.COMMON_NAME, f"Agent {agent_id}")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=30))
            .sign(ca_key, hashes.SHA256()))  # type: ignore[arg-type]
    return KeyFileAgent(cert, key)


def signed_record(record: dict, agent: KeyFileAgent) -> bytes:
    """A hand-over record as docs/cert-api.md says a station signs it, written here from the document."""
    fields = {**record, "agent_certificate": agent.certificate.public_bytes(serialization.Encoding.PEM).decode()}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    fields["agent_signature"] = base64.b64encode(agent.sign(canonical)).decode()
    return json.dumps(fields).encode()
