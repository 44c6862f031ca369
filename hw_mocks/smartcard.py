"""Simulated agent card reader: one reader, cards made from the test PKI's agent keys and certificates.

Cards are read from `<pki>/agents/NAME.pem` and `NAME.key` (the layout the installer documents); the
simulator does not import the installer. Every card has PIN "1234" and 3 tries; the third wrong PIN blocks
it for the life of the simulator. A card session starts at "connect" and numbers itself: a new connect,
"disconnect", a removal or an insertion ends it, and with it the PIN verification.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from hw_mocks.protocol import OpHandler, SimError, arg, b64

log = logging.getLogger(__name__)

READER = "Recueil Simulated Card Reader 00 00"
# A plausible ATR of a contact IAS-ECC-like card (T=1); the station only displays it.
ATR = "3BFF9600008131FE4380318065B0846566FB12017882900085"
PIN = "1234"
MAX_TRIES = 3


@dataclass
class Card:
    name: str
    certificate_der: bytes
    key: ec.EllipticCurvePrivateKey
    tries_left: int = MAX_TRIES


def load_cards(pki_dir: Path | None) -> dict[str, Card]:
    """Every readable agent card of the PKI folder; none when the folder is missing (never fails)."""
    cards: dict[str, Card] = {}
    if pki_dir is None or not (pki_dir / "agents").is_dir():
        log.warning("no agent cards: %s has no agents/ folder (pass --pki DIR)", pki_dir)
        return cards
    for pem in sorted((pki_dir / "agents").glob("*.pem")):
        try:
            cert = x509.load_pem_x509_certificate(pem.read_bytes())
            key = serialization.load_pem_private_key(pem.with_suffix(".key").read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            log.warning("skipping card %s: %s", pem.stem, type(exc).__name__)
            continue
        if isinstance(key, ec.EllipticCurvePrivateKey):
            cards[pem.stem] = Card(pem.stem, cert.public_bytes(serialization.Encoding.DER), key)
    return cards


class SmartCardSim:
    name = "smartcard"

    def __init__(self, pki_dir: Path | None) -> None:
        self.cards = load_cards(pki_dir)
        self._lock = threading.Lock()
        self._inserted: Card | None = None
        self._session = 0  # last session number handed out
        self._open: int | None = None  # the session currently open, if any
        self._verified = False

    def ops(self) -> dict[str, OpHandler]:
        return {
            "readers": self.readers, "status": self.status, "connect": self.connect,
            "verify_pin": self.verify_pin, "read_certificate": self.read_certificate,
            "sign": self.sign, "disconnect": self.disconnect,
        }

    def control_ops(self) -> dict[str, OpHandler]:
        return {"insert": self.insert, "remove": self.remove, "cards": self.list_cards}

    @property
    def inserted(self) -> str | None:
        return self._inserted.name if self._inserted else None

    # -- what the driver uses -------------------------------------------------------------------------

    def readers(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"readers": [READER]}

    def status(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return {"present": self._inserted is not None}

    def connect(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._card()
            self._session += 1
            self._open, self._verified = self._session, False
            return {"reader": READER, "atr": ATR, "session": self._session}

    def verify_pin(self, args: dict[str, Any]) -> dict[str, Any]:
        pin = arg(args, "pin", str)
        with self._lock:
            card = self._in_session(args)
            if card.tries_left <= 0:
                raise SimError("card.pin_blocked", "PIN blocked", {"tries_left": 0})
            if hmac.compare_digest(pin.encode(), PIN.encode()):
                card.tries_left = MAX_TRIES
                self._verified = True
                return {}
            card.tries_left -= 1
            self._verified = False
            if card.tries_left == 0:
                raise SimError("card.pin_blocked", "wrong PIN, card now blocked", {"tries_left": 0})
            raise SimError("card.pin_wrong", "wrong PIN", {"tries_left": card.tries_left})

    def read_certificate(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return {"der": b64(self._in_session(args).certificate_der)}

    def sign(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            challenge = base64.b64decode(arg(args, "challenge", str), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise SimError("link.bad_args", "challenge must be base64") from exc
        with self._lock:
            card = self._in_session(args)
            if not self._verified:
                raise SimError("card.security_status", "PIN not verified in this session")
            key = card.key
        return {"signature": b64(key.sign(challenge, ec.ECDSA(hashes.SHA256())))}

    def disconnect(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if args.get("session") == self._open:
                self._open, self._verified = None, False
        return {}

    # -- what the CLI and tests use -------------------------------------------------------------------

    def insert(self, args: dict[str, Any]) -> dict[str, Any]:
        name = arg(args, "name", str)
        with self._lock:
            if name not in self.cards:
                raise SimError("card.unknown", f"no card {name!r}; known: {sorted(self.cards)}",
                               {"known": sorted(self.cards)})
            self._inserted = self.cards[name]
            self._open, self._verified = None, False
        return {"inserted": name}

    def remove(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            removed = self.inserted
            self._inserted = None
            self._open, self._verified = None, False
        return {"removed": removed}

    def list_cards(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return {"cards": sorted(self.cards), "inserted": self.inserted}

    # -- internals (called with the lock held) ----------------------------------------------------------

    def _card(self) -> Card:
        if self._inserted is None:
            raise SimError("card.absent", "no card in the reader")
        return self._inserted

    def _in_session(self, args: dict[str, Any]) -> Card:
        card = self._card()
        if self._open is None or args.get("session") != self._open:
            raise SimError("card.not_connected", "no open session with this number (card reset?)")
        return card
