"""The PIV card edge, emulated (NIST SP 800-73-4, part 2): the agent card as OpenSC's PIV driver reads it.

Only what an agent card needs: SELECT of the PIV application, GET DATA of the discovery object, the CHUID
and the X.509 certificate for PIV Authentication (key 9A), VERIFY of the PIV Card Application PIN (key
reference 80, with the status query and the reset of the security status), and GENERAL AUTHENTICATE with
the EC P-256 key 9A (algorithm 11). Responses longer than the Le asked are chained with 61xx and GET
RESPONSE, as a card behind a T=1 reader does with short APDUs; extended APDUs are answered whole.

The card judges nothing about its certificate: the station does, as it must with a real card.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from hw_mocks.smartcard.apdu import Apdu, parse
from hw_mocks.smartcard.card_data import CardData
from hw_mocks.smartcard.status_words import (
    SW_BLOCKED,
    SW_CLA,
    SW_CONDITIONS,
    SW_DATA_INVALID,
    SW_INS,
    SW_NOT_FOUND,
    SW_OK,
    SW_SECURITY,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
)

AID = bytes.fromhex("A0 00 00 03 08 00 00 10 00 01 00")  # NIST RID + PIX of the PIV application, version 1.0
PIN_REFERENCE = 0x80  # the PIV Card Application PIN
KEY_AUTHENTICATION = 0x9A
KEY_SIGNATURE = 0x9C  # PIN "always": verified again right before each use (SP 800-73-4, 3.2.1)
ALG_EC_P256 = 0x11
PIN_LENGTH = 8

TAG_DISCOVERY = b"\x7e"
TAG_CHUID = b"\x5f\xc1\x02"
TAG_CERT_AUTHENTICATION = b"\x5f\xc1\x05"
TAG_CERT_SIGNATURE = b"\x5f\xc1\x0a"


def tlv(tag: bytes, value: bytes) -> bytes:
    """BER-TLV with a definite length (short form below 128, then 81 xx or 82 xx xx)."""
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xFF])
    return tag + length + value


def read_tlv(data: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(tag, value, rest) of the first TLV in `data` (one- or two-byte tags), None when it is cut short."""
    if len(data) < 2:
        return None
    tag_len = 2 if data[0] & 0x1F == 0x1F else 1
    tag, i = data[:tag_len], tag_len
    if i >= len(data):
        return None
    first = data[i]
    i += 1
    if first < 0x80:
        n = first
    else:
        count = first & 0x7F
        if count not in (1, 2) or i + count > len(data):
            return None
        n = int.from_bytes(data[i : i + count], "big")
        i += count
    if i + n > len(data):
        return None
    return tag, data[i : i + n], data[i + n :]


class Applet(Protocol):
    """What the card's contacts need of an application: a card's data, APDUs answered, power cycles."""

    card: CardData

    def process(self, raw: bytes) -> bytes: ...

    def reset(self) -> None: ...


def pin_block(pin: str) -> bytes:
    return pin.encode("ascii").ljust(PIN_LENGTH, b"\xff")


class PivApplet:
    """One card's PIV application; `process()` answers one APDU. Thread-safe."""

    def __init__(self, card: CardData) -> None:
        self.card = card
        self._lock = threading.Lock()
        self._objects = self._data_objects(card)
        self.reset()

    def reset(self) -> None:
        self._selected = False
        self._verified = False
        self._fresh_pin = False  # a VERIFY since the signature key's last use: it may sign once
        self._pending = b""  # the rest of a long response, for GET RESPONSE

    @staticmethod
    def _data_objects(card: CardData) -> dict[bytes, bytes]:
        # The card's unique identifier comes from its certificate, so a re-issued card never matches
        # what a middleware cached of an older one.
        guid = hashlib.sha256(card.certificate_der).digest()[:16]
        fasc_n = bytes.fromhex("D4E739DA739CED39CE739D836858210842108421C84210C3EB")  # SP 800-73-4's example
        chuid = (tlv(b"\x30", fasc_n) + tlv(b"\x34", guid) + tlv(b"\x35", b"20301231")
                 + tlv(b"\x3e", b"") + tlv(b"\xfe", b""))
        certificate = tlv(b"\x70", card.certificate_der) + tlv(b"\x71", b"\x00") + tlv(b"\xfe", b"")
        # PIN usage policy 40 00: the PIV application PIN only, no global PIN, no pairing code.
        discovery = tlv(b"\x4f", AID) + tlv(b"\x5f\x2f", b"\x40\x00")
        return {
            TAG_DISCOVERY: tlv(TAG_DISCOVERY, discovery),
            TAG_CHUID: tlv(b"\x53", chuid),
            TAG_CERT_AUTHENTICATION: tlv(b"\x53", certificate),
            # The same certificate and key behind the digital signature key too: a station configured
            # for it (smartcard_key = "02") meets a card that asks for the PIN at every signature.
            TAG_CERT_SIGNATURE: tlv(b"\x53", certificate),
        }

    def process(self, raw: bytes) -> bytes:
        apdu = parse(raw)
        if apdu is None:
            return SW_WRONG_LENGTH
        if apdu.cla != 0x00:
            return SW_CLA
        handlers = {0xA4: self._select, 0xCB: self._get_data, 0x20: self._verify, 0x87: self._authenticate,
                    0xC0: self._get_response}
        handler = handlers.get(apdu.ins)
        if handler is None:
            return SW_INS
        with self._lock:
            if apdu.ins != 0xC0:
                self._pending = b""
            if apdu.ins != 0xA4 and not self._selected:
                return SW_CONDITIONS
            return handler(apdu)

    # -- commands (lock held) --------------------------------------------------------------------------

    def _reply(self, data: bytes, apdu: Apdu) -> bytes:
        """`data` + 9000, or its first Le bytes + 61xx when more is left than the Le asked."""
        want = apdu.le if apdu.le else (65536 if apdu.extended else 256)
        if len(data) <= want:
            return data + SW_OK
        self._pending = data[want:]
        return data[:want] + bytes([0x61, min(len(self._pending), 0xFF) & 0xFF])

    def _select(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x04, 0x00):
            return SW_WRONG_P1P2
        # A right-truncated AID selects the application too (SP 800-73-4, 3.1.1).
        if len(apdu.data) < 5 or not AID.startswith(apdu.data):
            self._selected = False
            return SW_NOT_FOUND
        self._selected = True
        template = (tlv(b"\x4f", AID[5:]) + tlv(b"\x79", tlv(b"\x4f", AID[:5]))
                    + tlv(b"\x50", b"Recueil agent")
                    + tlv(b"\xac", tlv(b"\x80", bytes([ALG_EC_P256])) + tlv(b"\x06", b"\x00")))
        return self._reply(tlv(b"\x61", template), apdu)

    def _get_data(self, apdu: Apdu) -> bytes:
        if (apdu.p1, apdu.p2) != (0x3F, 0xFF):
            return SW_WRONG_P1P2
        parsed = read_tlv(apdu.data)
        if parsed is None or parsed[0] != b"\x5c":
            return SW_DATA_INVALID
        content = self._objects.get(parsed[1])
        if content is None:
            return SW_NOT_FOUND
        return self._reply(content, apdu)

    def _get_response(self, apdu: Apdu) -> bytes:
        if not self._pending:
            return SW_CONDITIONS
        data, self._pending = self._pending, b""
        return self._reply(data, apdu)

    def _verify(self, apdu: Apdu) -> bytes:
        if apdu.p2 != PIN_REFERENCE or apdu.p1 not in (0x00, 0xFF):
            return SW_WRONG_P1P2
        card = self.card
        if apdu.p1 == 0xFF:  # reset the security status (a log-out)
            self._verified = self._fresh_pin = False
            return SW_OK
        if not apdu.data:  # the status query: 9000 when verified, else the tries left
            if self._verified:
                return SW_OK
            return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])
        if len(apdu.data) != PIN_LENGTH:
            return SW_WRONG_LENGTH
        if card.tries_left <= 0:
            return SW_BLOCKED
        if hmac.compare_digest(apdu.data, pin_block(card.pin)):
            card.tries_left = card.max_tries
            self._verified = self._fresh_pin = True
            return SW_OK
        card.tries_left -= 1
        self._verified = self._fresh_pin = False
        return SW_BLOCKED if card.tries_left <= 0 else bytes([0x63, 0xC0 | min(card.tries_left, 15)])

    def _authenticate(self, apdu: Apdu) -> bytes:
        if apdu.p2 not in (KEY_AUTHENTICATION, KEY_SIGNATURE):
            return SW_WRONG_P1P2
        if apdu.p1 != ALG_EC_P256:
            return SW_DATA_INVALID
        template = read_tlv(apdu.data)
        if template is None or template[0] != b"\x7c":
            return SW_DATA_INVALID
        items: dict[bytes, bytes] = {}
        rest = template[1]
        while rest:
            item = read_tlv(rest)
            if item is None:
                return SW_DATA_INVALID
            items[item[0]] = item[1]
            rest = item[2]
        challenge = items.get(b"\x81")
        if b"\x82" not in items or challenge is None or len(challenge) != 32:
            return SW_DATA_INVALID
        if not self._verified or (apdu.p2 == KEY_SIGNATURE and not self._fresh_pin):
            return SW_SECURITY
        self._fresh_pin = False
        signature = self.card.key.sign(challenge, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return self._reply(tlv(b"\x7c", tlv(b"\x82", signature)), apdu)
