"""Signed acknowledgements (receipts): canonical JSON bytes signed with the CERT's receipt key.

The receipt is the exact byte string that was signed, sent as is (base64): the station verifies those
bytes and keeps them, so nobody has to agree on a canonical form to re-serialise it later. We still emit
sorted keys without spaces so two receipts with the same fields are byte-identical.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

RECEIPT_VERSION = 1


def canonical_json(obj: dict) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def receipt_bytes(
    dossier_number: str, idempotency_key: str, package_sha256: str, station_id: str, received_at: datetime
) -> bytes:
    return canonical_json({
        "version": RECEIPT_VERSION,
        "dossier_number": dossier_number,
        "idempotency_key": idempotency_key,
        "package_sha256": package_sha256,
        "station_id": station_id,
        "received_at": received_at.isoformat(),
    })


class ReceiptSigner:
    """Holds the receipt key (ECDSA P-256) and its certificate, which every reply carries."""

    def __init__(self, key_path: Path, cert_path: Path) -> None:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the receipt key must be an EC private key")
        self._key = key
        self.certificate_pem = cert_path.read_bytes()

    def sign(self, data: bytes) -> bytes:
        """DER-encoded ECDSA signature with SHA-256 over `data`."""
        return self._key.sign(data, ec.ECDSA(hashes.SHA256()))


def handover_receipt_bytes(title_number: str, idempotency_key: str, record_sha256: str, station_id: str,
                           handed_over_at: datetime) -> bytes:
    """A title hand-over's receipt, in the dossier receipt's fields so a station verifies both alike:
    `dossier_number` holds the title number and `package_sha256` the SHA-256 of the hand-over record as
    sent; `kind` tells the two apart."""
    return canonical_json({
        "version": RECEIPT_VERSION,
        "kind": "title_handover",
        "dossier_number": title_number,
        "idempotency_key": idempotency_key,
        "package_sha256": record_sha256,
        "station_id": station_id,
        "received_at": handed_over_at.isoformat(),
    })
