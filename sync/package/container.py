"""The inner, signed container: a ZIP of the package's files, their SHA-256 manifest and its signature.

ZIP because it is the most widely readable container (the CERT's `dump` hands the files to people) and
stdlib on both sides. Entries are STORED: JPEG, WSQ and PNG do not compress further, and a fixed method
keeps the CERT's size checks simple (no decompression bombs to fear)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from . import format as fmt
from .agent_signer import AgentSigner


class AgentSignatureInvalid(Exception):
    """The agent's card returned a signature its certificate does not verify."""

# A fixed timestamp in every entry: the container's bytes depend on its content only.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ManifestHead:
    """What the manifest says about the package besides its files; all of it is signed."""

    station_id: str
    idempotency_key: str
    dossier_id: str
    package_id: str  # random per sealing: two sealings of one dossier never look alike
    sealed_at: datetime
    recipient: str  # fingerprint of the CERT encryption certificate the package is sealed for
    agent_certificate: str  # fingerprint of the certificate of the agent who took the dossier


def manifest_bytes(head: ManifestHead, files: dict[str, bytes]) -> bytes:
    manifest = {
        "format": fmt.FORMAT,
        "station_id": head.station_id,
        "idempotency_key": head.idempotency_key,
        "dossier_id": head.dossier_id,
        "package_id": head.package_id,
        "sealed_at": head.sealed_at.isoformat(),
        "recipient": head.recipient,
        "agent_certificate": head.agent_certificate,
        "files": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
             "media_type": fmt.media_type(name)}
            for name, data in files.items()
        ],
    }
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_container(head: ManifestHead, files: dict[str, bytes], key: ec.EllipticCurvePrivateKey,
                    certificate: x509.Certificate, agent: AgentSigner) -> bytes:
    """The signed ZIP: manifest, the station's signature and certificate, the agent's signature and
    certificate, then the files in manifest order. The agent signs first: a card that fails (pulled out,
    PIN needed) stops the sealing before anything else is done."""
    for name in files:
        if not fmt.ENTRY_NAME.match(name) or name in fmt.SIGNATURE_ENTRIES:
            raise ValueError(f"invalid package entry name {name!r}")
    manifest = manifest_bytes(head, files)
    agent_signature = agent.sign(manifest)
    public = agent.certificate.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise AgentSignatureInvalid
    try:
        public.verify(agent_signature, manifest, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError) as exc:
        raise AgentSignatureInvalid from exc  # another card, or a card that signs wrongly: never sent
    signature = key.sign(manifest, ec.ECDSA(hashes.SHA256()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        entries = [(fmt.MANIFEST, manifest), (fmt.MANIFEST_SIGNATURE, signature),
                   (fmt.SIGNER_CERTIFICATE, certificate.public_bytes(serialization.Encoding.PEM)),
                   (fmt.AGENT_SIGNATURE, agent_signature),
                   (fmt.AGENT_CERTIFICATE, agent.certificate.public_bytes(serialization.Encoding.PEM)),
                   *files.items()]
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), data)
    return out.getvalue()
