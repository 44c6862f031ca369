"""The agent card application, emulated: ISO 7816-4 APDUs in, responses out (spec: docs/agent-card.md).

This is the card's side only; hw_mocks/smartcard/vpcd_card.py carries the bytes to and from pcscd. The card holds a
key and certificate from the test PKI and a PIN with a try counter. It judges nothing about its
certificate (expired, revoked, foreign...): the station does, as it must with a real card.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

log = logging.getLogger(__name__)

AID = bytes.fromhex("F0 52 45 43 55 45 49 4C 01")  # F0 + "RECUEIL" + version 01
CERT_EF = b"\xc0\x01"
PIN_LENGTH = 8  # the PIN block: ASCII digits padded with FF
MAX_READ = 0xF0
DEFAULT_PIN, DEFAULT_TRIES = "1234", 3

# An ATR for T=1 whose historical bytes say "RECUEIL" + version; TCK (last byte) is the XOR of T0..end.
_ATR_BODY = bytes([0x88, 0x80, 0x01]) + b"RECUEIL\x01"
def _tck(body: bytes) -> int:
    check = 0
    for b in body:
        check ^= b
    return check


ATR = bytes([0x3B]) + _ATR_BODY + bytes([_tck(_ATR_BODY)])

SW_OK = b"\x90\x00"
SW_WRONG_LENGTH = b"\x67\x00"
SW_SECURITY = b"\x69\x82"
SW_BLOCKED = b"\x69\x83"
SW_CONDITIONS = b"\x69\x85"
SW_NOT_FOUND = b"\x6a\x82"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_OFFSET = b"\x6b\x00"
SW_INS = b"\x6d\x00"
SW_CLA = b"\x6e\x00"


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


def pin_block(pin: str) -> bytes:
    return pin.encode("ascii").ljust(PIN_LENGTH, b"\xff")


@dataclass(frozen=True)
class Apdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None: no Le field; 0 means 256


def parse(raw: bytes) -> Apdu | None:
    """A short APDU (cases 1 to 4), or None when its length bytes do not add up."""
    if len(raw) < 4:
        return None
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return Apdu(cla, ins, p1, p2, b"", None)
    if len(body) == 1:
        return Apdu(cla, ins, p1, p2, b"", body[0])
    lc = body[0]
    if lc == 0 or len(body) not in (1 + lc, 2 + lc):
        return None
    le = body[1 + lc] if len(body) == 2 + lc else None
    return Apdu(cla, ins, p1, p2, bytes(body[1 : 1 + lc]), le)


class AgentCardApplet:
    """One card's application state; `process()` answers one APDU. Thread-safe (the CLI may read state)."""

    def __init__(self, card: CardData) -> None:
        self.card = card
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Power off, power on or reset: a real card forgets its selection and its PIN state."""
        self._selected = False
        self._ef_selected = False
        self._verified = False

    def process(self, raw: bytes) -> bytes:
        apdu = parse(raw)
        if apdu is None:
            return SW_WRONG_LENGTH
        if apdu.cla != 0x00:
            return SW_CLA
        handlers = {0xA4: self._select, 0x20: self._verify, 0xB0: self._read_binary, 0x2A: self._pso}
        handler = handlers.get(apdu.ins)
        if handler is None:
            return SW_INS
        with self._lock:
            if apdu.ins != 0xA4 and not self._selected:
                return SW_CONDITIONS  # only SELECT works before the application is selected
            return handler(apdu)

    # -- commands (lock held) --------------------------------------------------------------------------

    def _select(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) == (0x04, 0x00):  # by AID
            self._ef_selected = False
            if apdu.data != AID:
                self._selected = False
                return SW_NOT_FOUND
            self._selected = True
            return SW_OK
        if (apdu.p1, apdu.p2) == (0x02, 0x0C):  # EF by id under the application, no FCI returned
            if not self._selected:
                return SW_CONDITIONS
            if len(apdu.data) != 2:
                return SW_WRONG_LENGTH
            self._ef_selected = apdu.data == CERT_EF
            return SW_OK if self._ef_selected else SW_NOT_FOUND
        return SW_WRONG_P1P2

    def _verify(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x00, 0x81):
            return SW_WRONG_P1P2
        card = self.card
        if not apdu.data:  # status query: how many tries are left, or 9000 if verified already
            if self._verified:
                return SW_OK
            return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])
        if len(apdu.data) != PIN_LENGTH:
            return SW_WRONG_LENGTH
        if card.tries_left <= 0:
            return SW_BLOCKED
        if hmac.compare_digest(apdu.data, pin_block(card.pin)):
            card.tries_left = card.max_tries
            self._verified = True
            return SW_OK
        card.tries_left -= 1
        self._verified = False
        return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])

    def _read_binary(self, apdu: Apdu) -> bytes:
        if apdu.p1 & 0x80:
            return SW_WRONG_P1P2  # short-EF-id addressing is not supported
        if not self._ef_selected:
            return SW_CONDITIONS
        if apdu.le is None:
            return SW_WRONG_LENGTH
        offset = (apdu.p1 << 8) | apdu.p2
        content = self.card.certificate_der
        if offset >= len(content):
            return SW_OFFSET
        want = 256 if apdu.le == 0 else apdu.le
        # A short last chunk is answered with 9000 and fewer bytes (documented in docs/agent-card.md).
        return content[offset : offset + min(want, MAX_READ)] + SW_OK

    def _pso(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x9E, 0x9A):
            return SW_WRONG_P1P2
        if len(apdu.data) != 32:
            return SW_WRONG_LENGTH
        if not self._verified:
            return SW_SECURITY
        signature = self.card.key.sign(apdu.data, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return signature + SW_OK
