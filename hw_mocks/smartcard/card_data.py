"""What an emulated agent card carries for good, read from the test PKI, and the card's answer to reset."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

log = logging.getLogger(__name__)

DEFAULT_PIN, DEFAULT_TRIES = "1234", 3

# An ATR for T=1 whose historical bytes say "RECUEIL" + version; TCK (last byte) is the XOR of T0..end.
_ATR_BODY = bytes([0x88, 0x80, 0x01]) + b"RECUEIL\x01"


def _tck(body: bytes) -> int:
    check = 0
    for b in body:
        check ^= b
    return check


ATR = bytes([0x3B]) + _ATR_BODY + bytes([_tck(_ATR_BODY)])


@dataclass
class CardData:
    """What a card carries for good: its key, certificate, PIN and try counter (kept across insertions)."""

    name: str
    certificate_der: bytes
    key: ec.EllipticCurvePrivateKey = field(repr=False)
    pin: str = field(default=DEFAULT_PIN, repr=False)
    tries_left: int = DEFAULT_TRIES
    max_tries: int = DEFAULT_TRIES


def load_cards(pki_dir: Path | None) -> dict[str, CardData]:
    """Every readable card of `<pki>/agents/` (NAME.pem, NAME.key, cards.json); none if the folder is missing."""
    cards: dict[str, CardData] = {}
    if pki_dir is None or not (pki_dir / "agents").is_dir():
        log.warning("no agent cards: %s has no agents/ folder (pass --pki DIR)", pki_dir)
        return cards
    try:
        settings = json.loads((pki_dir / "agents" / "cards.json").read_text())
    except (OSError, ValueError):
        settings = {}  # older PKI folders had no cards.json: every card then has the default PIN
    for pem in sorted((pki_dir / "agents").glob("*.pem")):
        try:
            cert = x509.load_pem_x509_certificate(pem.read_bytes())
            key = serialization.load_pem_private_key(pem.with_suffix(".key").read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            log.warning("skipping card %s: %s", pem.stem, type(exc).__name__)
            continue
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            continue
        extra = settings.get(pem.stem, {}) if isinstance(settings, dict) else {}
        max_tries = int(extra.get("max_tries", DEFAULT_TRIES))
        cards[pem.stem] = CardData(pem.stem, cert.public_bytes(serialization.Encoding.DER), key,
                                   pin=str(extra.get("pin", DEFAULT_PIN)),
                                   tries_left=int(extra.get("tries", max_tries)), max_tries=max_tries)
    return cards


