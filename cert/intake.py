"""Opening a sealed package (`recueil-package/1`, docs/package-format.md): every check the CERT makes
before it issues a dossier number. Written from the published format; nothing is shared with the station.

Order matters: the clear header is checked first (cheap, and it says who the sender claims to be and for
which key it sealed), then HPKE decryption (which also proves the header was not altered: it is the HPKE
`info`), then the ZIP's shape, the signer certificate (issued by the station CA to the very station on the
TLS connection), the manifest signature, every file against its manifest digest, the agent's signature
(cert/agent_signature.py), and last the application itself: its rules, and that the transaction's Type-2
agrees with it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from .agent_signature import AGENT_CERTIFICATE, AGENT_SIGNATURE, AgentRefused, AgentVerifier
from .application_rules import ApplicationRefused, check_application
from .bounds import HEX_SHA256
from .type2_agreement import check_type2

FORMAT = "recueil-package/1"
MAGIC = b"RECUEIL-PACKAGE/1\n"
HEADER_MAX = 4096
HPKE_NAME = "DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM"
SUITE = Suite(KEM.P256, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
MANIFEST, SIGNATURE, SIGNER = "manifest.json", "manifest.sig", "signer.pem"
SIGNATURE_ENTRIES = (MANIFEST, SIGNATURE, SIGNER, AGENT_SIGNATURE, AGENT_CERTIFICATE)
REQUIRED = ("dossier.json", "biometrics.an2")
MAX_ENTRIES = 64
ENTRY_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}(/[a-z0-9][a-z0-9._-]{0,63})?$")


class IntakeError(Exception):
    """A refused package: HTTP status, stable code and an English detail for the station's technician."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


@dataclass(frozen=True)
class OpenedPackage:
    manifest: dict
    files: dict[str, bytes]  # every manifest file by entry name, checked against its digest
    dossier: dict  # dossier.json, parsed
    signer_serial: str  # the station certificate that signed it (hex serial)
    signer_mairie: str | None = None  # its organizationIdentifier's INSEE code: the sealing mairie
    agent_id: str = ""  # the agent who took it: the agent certificate's serialNumber
    agent_files: dict[str, bytes] | None = None  # the agent's signature and certificate, kept with the files

    @property
    def stored_files(self) -> dict[str, bytes]:
        """What the CERT keeps of the package: its files, and who signed it."""
        return {**self.files, **(self.agent_files or {})}


class PackageOpener:
    """The CERT's decryption key and the station CA, loaded once."""

    def __init__(self, decryption_key: Path, encryption_cert: Path, station_ca: Path, max_bytes: int,
                 agent_ca: Path, agent_crl: Path | None) -> None:
        key = serialization.load_pem_private_key(decryption_key.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the package decryption key must be an EC P-256 key")
        self._key = key
        cert = x509.load_pem_x509_certificate(encryption_cert.read_bytes())
        self.recipient = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
        self._station_ca = x509.load_pem_x509_certificate(station_ca.read_bytes())
        self._max_bytes = max_bytes
        self.agents = AgentVerifier(agent_ca, agent_crl)  # also the hand-overs' (cert/lookups/delivery.py)

    def open(self, data: bytes, *, peer_cn: str, idempotency_key: str, now: datetime | None = None
             ) -> OpenedPackage:
        now = now or datetime.now(UTC)
        header_bytes, ciphertext = _split(data)
        header = _header(header_bytes)
        if header["station_id"] != peer_cn:
            raise IntakeError(403, "station_mismatch", "the package's station is not the client certificate's CN")
        if header["idempotency_key"] != idempotency_key:
            raise IntakeError(400, "key_mismatch", "the package was sealed under another idempotency key "
                                                   "(a package cannot be replayed under a new key)")
        if header["recipient"] != self.recipient:
            raise IntakeError(400, "wrong_recipient", "the package is encrypted for another CERT key")
        try:
            container = SUITE.decrypt(ciphertext, self._key, info=MAGIC + header_bytes)
        except (InvalidTag, ValueError) as exc:
            raise IntakeError(400, "undecryptable", "the package cannot be decrypted: it was altered "
                                                    "in transit or not sealed for this CERT") from exc
        entries = _unzip(container, self._max_bytes)
        signer = self._check_signer(entries, peer_cn, now)
        manifest = _manifest(entries[MANIFEST])
        for field in ("station_id", "idempotency_key", "recipient"):
            if manifest.get(field) != header[field]:
                raise IntakeError(400, "manifest_mismatch", f"the signed manifest's {field} differs from the header")
        if manifest.get("dossier_id") != idempotency_key:
            raise IntakeError(400, "manifest_mismatch", "the dossier id must be the idempotency key")
        files = _checked_files(manifest, entries)
        try:
            agent = self.agents.check(entries, manifest, _mairie(signer), now)
        except AgentRefused as exc:
            raise IntakeError(exc.status, exc.code, exc.detail) from exc
        dossier = _json_object(files["dossier.json"], "dossier.json")
        if dossier.get("dossier_id") != idempotency_key:
            raise IntakeError(400, "malformed_package", "dossier.json does not describe this dossier")
        try:
            check_application(dossier, files)
            check_type2(dossier, files["biometrics.an2"])
        except ApplicationRefused as exc:
            raise IntakeError(400, exc.code, exc.detail) from exc
        agent_ids = agent.subject.get_attributes_for_oid(x509.NameOID.SERIAL_NUMBER)
        return OpenedPackage(manifest, files, dossier, format(signer.serial_number, "x"), _mairie(signer),
                             str(agent_ids[0].value) if agent_ids else "",
                             {name: entries[name] for name in (AGENT_SIGNATURE, AGENT_CERTIFICATE)})

    def _check_signer(self, entries: dict[str, bytes], peer_cn: str, now: datetime) -> x509.Certificate:
        """The signer certificate, once it is known to be this station's and to have signed the manifest."""
        try:
            signer = x509.load_pem_x509_certificate(entries[SIGNER])
        except ValueError as exc:
            raise IntakeError(400, "malformed_package", "signer.pem is not a certificate") from exc
        try:
            signer.verify_directly_issued_by(self._station_ca)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise IntakeError(403, "unknown_station", "the package is signed by a certificate this CERT "
                                                      "did not issue") from exc
        if not signer.not_valid_before_utc <= now <= signer.not_valid_after_utc:
            raise IntakeError(403, "signer_expired", "the signing station certificate is not valid now")
        cns = signer.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        if not cns or cns[0].value != peer_cn:
            raise IntakeError(403, "station_mismatch", "the package is signed by another station")
        key = signer.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise IntakeError(403, "unknown_station", "the signer key is not ECDSA")
        try:
            key.verify(entries[SIGNATURE], entries[MANIFEST], ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise IntakeError(400, "bad_signature", "the manifest signature does not verify") from exc
        return signer


def _mairie(signer: x509.Certificate) -> str | None:
    names = signer.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_IDENTIFIER)
    value = names[0].value if names else None
    if isinstance(value, str) and value.startswith("INSEE:") and len(value) > len("INSEE:"):
        return value[len("INSEE:"):]
    return None


def _split(data: bytes) -> tuple[bytes, bytes]:
    if not data.startswith(MAGIC):
        raise IntakeError(400, "malformed_package", f"the package does not start with {MAGIC!r}")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + HEADER_MAX + 1)
    if end < 0:
        raise IntakeError(400, "malformed_package", "the package header line is missing or too long")
    return data[len(MAGIC):end], data[end + 1:]


def _json_object(raw: bytes, what: str) -> dict:
    try:
        value = json.loads(raw)
    # ValueError: not UTF-8, not JSON, or an integer past Python's digit limit; RecursionError: nested
    # deeper than the interpreter's stack (a few thousand brackets fit in a 4 KiB header).
    except (ValueError, RecursionError) as exc:
        raise IntakeError(400, "malformed_package", f"{what} is not JSON") from exc
    if not isinstance(value, dict):
        raise IntakeError(400, "malformed_package", f"{what} is not a JSON object")
    return value


def _header(raw: bytes) -> dict:
    header = _json_object(raw, "the package header")
    if header.get("format") != FORMAT:
        raise IntakeError(400, "malformed_package", f"the package format must be {FORMAT!r}")
    if header.get("hpke") != HPKE_NAME:
        raise IntakeError(400, "malformed_package", f"the package must be encrypted with {HPKE_NAME}")
    for field in ("station_id", "idempotency_key", "recipient"):
        if not isinstance(header.get(field), str) or not header[field]:
            raise IntakeError(400, "malformed_package", f"the package header has no {field}")
    return header


def _unzip(container: bytes, max_bytes: int) -> dict[str, bytes]:
    try:
        z = zipfile.ZipFile(io.BytesIO(container))
    except zipfile.BadZipFile as exc:
        raise IntakeError(400, "malformed_package", "the decrypted package is not a ZIP container") from exc
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise IntakeError(400, "malformed_package", f"more than {MAX_ENTRIES} entries")
    if sum(i.file_size for i in infos) > max_bytes:
        raise IntakeError(413, "too_large", "the package's files exceed the size limit")
    entries: dict[str, bytes] = {}
    for info in infos:
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            raise IntakeError(400, "malformed_package", "entries must be stored, unencrypted")
        if not ENTRY_NAME.fullmatch(info.filename) or info.filename in entries:
            raise IntakeError(400, "malformed_package", "invalid or repeated entry name")
        try:
            entries[info.filename] = z.read(info)
        except (zipfile.BadZipFile, OSError) as exc:  # CRC error: damaged before encryption
            raise IntakeError(400, "malformed_package", "a container entry is damaged") from exc
    for name in (MANIFEST, SIGNATURE, SIGNER):
        if name not in entries:
            raise IntakeError(400, "malformed_package", f"the package has no {name}")
    return entries


def _manifest(raw: bytes) -> dict:
    manifest = _json_object(raw, "the manifest")
    if manifest.get("format") != FORMAT:
        raise IntakeError(400, "malformed_package", "the manifest is not a recueil-package/1 manifest")
    if not isinstance(manifest.get("files"), list):
        raise IntakeError(400, "malformed_package", "the manifest lists no files")
    return manifest


def _checked_files(manifest: dict, entries: dict[str, bytes]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for item in manifest["files"]:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or name in files or name in SIGNATURE_ENTRIES:
            raise IntakeError(400, "malformed_package", "the manifest lists an invalid file")
        if name not in entries:
            raise IntakeError(400, "missing_file", f"{name} is in the manifest but not in the package")
        data = entries[name]
        sha = item.get("sha256")
        if not isinstance(sha, str) or not HEX_SHA256.fullmatch(sha) or item.get("size") != len(data) \
                or hashlib.sha256(data).hexdigest() != sha:
            raise IntakeError(400, "digest_mismatch", f"{name} does not match its manifest digest")
        files[name] = data
    extra = set(entries) - set(files) - set(SIGNATURE_ENTRIES)
    if extra:
        raise IntakeError(400, "unlisted_file", "the package holds files its manifest does not list")
    for name in REQUIRED:
        if name not in files:
            raise IntakeError(400, "missing_file", f"the package has no {name}")
    return files
