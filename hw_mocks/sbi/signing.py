"""The emulated SBI device's keys and its JSON Web Signatures (RS256, compact, `x5c` = device certificate then
its provider's CA), as MOSIP's registration devices sign their info and captures.

The keys come from the test PKI (`sbi-device.pem/.key`, issued by `sbi-provider-ca`, which the station trusts)
when hw-mocks has one; otherwise the device makes its own provider CA at start, which no station trusts.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def timestamp(now: dt.datetime | None = None) -> str:
    """SBI's ISO 8601 form: seconds, UTC, no fraction."""
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


class DeviceKeys:
    def __init__(self, key: rsa.RSAPrivateKey, chain: list[x509.Certificate]) -> None:
        self.key, self.chain = key, chain

    @classmethod
    def load(cls, pki_dir: Path | None) -> DeviceKeys:
        if pki_dir is not None and (pki_dir / "sbi-device.key").exists():
            key = serialization.load_pem_private_key((pki_dir / "sbi-device.key").read_bytes(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            chain = [x509.load_pem_x509_certificate((pki_dir / name).read_bytes())
                     for name in ("sbi-device.pem", "sbi-provider-ca.pem")]
            return cls(key, chain)
        return cls.self_made()

    @classmethod
    def self_made(cls) -> DeviceKeys:
        """A key under a provider nobody registered: what an uncertified device presents."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Unregistered SBI device")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
                .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
        return cls(key, [cert])

    def sign(self, payload: dict[str, Any] | bytes, *, corrupt: bool = False) -> str:
        body = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
        header = {"x5c": [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in self.chain],
                  "alg": "RS256", "typ": "JWT"}
        signing_input = f"{b64url(json.dumps(header, separators=(',', ':')).encode())}.{b64url(body)}"
        signature = self.key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        if corrupt:
            signature = bytes([signature[0] ^ 0x01]) + signature[1:]
        return f"{signing_input}.{b64url(signature)}"
