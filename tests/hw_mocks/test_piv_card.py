"""The emulated PIV card edge, APDU by APDU (NIST SP 800-73-4), without pcscd."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from hw_mocks.smartcard.card_data import load_cards
from hw_mocks.smartcard.piv_card import AID, PivApplet, read_tlv, tlv

SELECT = bytes.fromhex("00A40400") + bytes([len(AID)]) + AID + b"\x00"


def get_data(tag: bytes) -> bytes:
    body = tlv(b"\x5c", tag)
    return bytes.fromhex("00CB3FFF") + bytes([len(body)]) + body + b"\x00"


def authenticate(key: int, message: bytes) -> bytes:
    """GENERAL AUTHENTICATE of SHA-256(message) with key 9A or 9C (EC P-256)."""
    template = tlv(b"\x7c", tlv(b"\x82", b"") + tlv(b"\x81", hashlib.sha256(message).digest()))
    return bytes([0x00, 0x87, 0x11, key, len(template)]) + template + b"\x00"


def verify(pin: bytes | None) -> bytes:
    head = bytes.fromhex("00200080")
    return head if pin is None else head + b"\x08" + pin.ljust(8, b"\xff")


@pytest.fixture
def cards(pki):
    return load_cards(pki.root)


def test_the_certificate_comes_back_in_chained_chunks(cards):
    card = PivApplet(cards["agent"])
    answer = card.process(SELECT)
    assert answer[-2:] == b"\x90\x00" and answer[0] == 0x61
    reply = card.process(get_data(b"\x5f\xc1\x05"))
    content = reply[:-2]
    while reply[-2] == 0x61:  # more to come: GET RESPONSE
        reply = card.process(bytes([0x00, 0xC0, 0x00, 0x00, reply[-1]]))
        content += reply[:-2]
    assert reply[-2:] == b"\x90\x00"
    tag, value, rest = read_tlv(content)
    assert tag == b"\x53" and rest == b""
    tag, der, _ = read_tlv(value)
    assert tag == b"\x70"
    assert der == cards["agent"].certificate_der


def test_pin_counts_down_blocks_and_the_status_query_spends_nothing(cards):
    card = PivApplet(cards["supervisor"])
    card.process(SELECT)
    assert card.process(verify(None)) == b"\x63\xc3"
    assert card.process(verify(b"0000")) == b"\x63\xc2"
    assert card.process(verify(None)) == b"\x63\xc2"
    assert card.process(verify(b"1234")) == b"\x90\x00"
    assert card.process(verify(None)) == b"\x90\x00"
    assert card.process(bytes.fromhex("0020FF80")) == b"\x90\x00"  # reset of the security status
    assert card.process(verify(None)) == b"\x63\xc3"
    for _ in range(3):
        card.process(verify(b"0000"))
    assert card.process(verify(b"1234")) == b"\x69\x83"


def test_general_authenticate_signs_only_after_the_pin(cards):
    card = PivApplet(cards["agent"])
    card.process(SELECT)
    command = authenticate(0x9A, b"manifest")
    assert card.process(command) == b"\x69\x82"
    card.process(verify(b"1234"))
    reply = card.process(command)
    assert reply[-2:] == b"\x90\x00"
    outer = read_tlv(reply[:-2])
    inner = read_tlv(outer[1])
    assert (outer[0], inner[0]) == (b"\x7c", b"\x82")
    public_key = x509.load_der_x509_certificate(cards["agent"].certificate_der).public_key()
    public_key.verify(inner[1], b"manifest", ec.ECDSA(hashes.SHA256()))


def test_a_power_cycle_forgets_the_selection_and_the_pin(cards):
    card = PivApplet(cards["agent"])
    card.process(SELECT)
    card.process(verify(b"1234"))
    card.reset()
    assert card.process(SELECT)[-2:] == b"\x90\x00"
    assert card.process(verify(None)) == b"\x63\xc3"


def test_unknown_objects_and_applications_are_refused(cards):
    card = PivApplet(cards["agent"])
    assert card.process(bytes.fromhex("00A4040005A000000001")) == b"\x6a\x82"
    card.process(SELECT)
    assert card.process(get_data(b"\x5f\xc1\x0b")) == b"\x6a\x82"  # no key management certificate
    assert card.process(bytes.fromhex("00CB3FFF03010203")) == b"\x6a\x80"  # not a 5C tag list


def test_the_signature_key_asks_for_the_pin_before_each_use(cards):
    card = PivApplet(cards["agent"])
    card.process(SELECT)
    with_signature_key, with_authentication_key = authenticate(0x9C, b"manifest"), authenticate(0x9A, b"manifest")
    card.process(verify(b"1234"))
    assert card.process(with_signature_key)[-2:] == b"\x90\x00"
    assert card.process(with_signature_key) == b"\x69\x82"  # used once: the PIN again
    assert card.process(with_authentication_key)[-2:] == b"\x90\x00"  # the session PIN still holds for 9A
    card.process(verify(b"1234"))
    assert card.process(with_signature_key)[-2:] == b"\x90\x00"
