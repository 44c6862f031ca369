"""An agent's signature made with the test PKI's key files instead of a card: for the tests and benchmarks
that seal packages without a station window (the station itself always signs with the agent's card)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


@dataclass(frozen=True)
class KeyFileAgent:
    """An `AgentSigner` (sync/package/agent_signer.py) over a certificate and key in PEM files."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey = field(repr=False)

    @classmethod
    def load(cls, certificate: Path, key: Path) -> KeyFileAgent:
        private = serialization.load_pem_private_key(key.read_bytes(), password=None)
        if not isinstance(private, ec.EllipticCurvePrivateKey):
            raise ValueError("an agent key is an EC key")
        return cls(x509.load_pem_x509_certificate(certificate.read_bytes()), private)

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))
