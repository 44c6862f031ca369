"""The emulated agent card: its application (APDU by APDU) and its side of the vpcd protocol."""

from __future__ import annotations

import hashlib
import socket
import struct
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from hw_mocks.smartcard.agent_card import AID, ATR, AgentCardApplet, load_cards
from hw_mocks.smartcard.control import SmartCardSim
from hw_mocks.smartcard.vpcd_card import SLOT_EMPTY_S, VpcdCard

SELECT = bytes.fromhex("00A4040009") + AID + b"\x00"
PIN_BLOCK = b"1234" + b"\xff" * 4


@pytest.fixture
def cards(pki):
    return load_cards(pki.root)


@pytest.fixture
def applet(cards):
    a = AgentCardApplet(cards["agent"])
    assert a.process(SELECT) == b"\x90\x00"
    return a


def _sw(response: bytes) -> str:
    return response[-2:].hex().upper()


def test_cards_come_from_the_pki_with_their_pin_settings(cards):
    assert {"agent", "supervisor", "technician", "agent2", "expired", "revoked", "blocked", "foreign",
            "other-mairie"} <= set(cards)
    assert cards["blocked"].tries_left == 0 and cards["agent"].tries_left == 3
    assert "1234" not in repr(cards["agent"])


def test_only_select_works_before_the_application_is_selected(cards):
    a = AgentCardApplet(cards["agent"])
    assert _sw(a.process(bytes.fromhex("00208100"))) == "6985"
    assert _sw(a.process(bytes.fromhex("00A4040009F0524543554549 4C02 00".replace(" ", "")))) == "6A82"


@pytest.mark.parametrize(("apdu", "sw"), [
    ("00CA000000", "6D00"),  # GET DATA: not supported
    ("80A4040000", "6E00"),  # proprietary class
    ("0020008104313233", "6700"),  # Lc says 4, 3 bytes follow
    ("0020008203", "6A86"),  # VERIFY of reference 82
    ("00A4020C02C002", "6A82"),  # no such file
    ("00B0000010", "6985"),  # READ BINARY with no file selected
    ("002A9E9A20" + "00" * 32 + "00", "6982"),  # sign before the PIN
    ("00", "6700"),
])
def test_status_words(applet, apdu, sw):
    assert _sw(applet.process(bytes.fromhex(apdu))) == sw


def test_verify_counts_down_and_the_status_query_costs_nothing(applet):
    status = bytes.fromhex("00200081")
    assert _sw(applet.process(status)) == "63C3"
    assert _sw(applet.process(bytes.fromhex("0020008108") + b"0000\xff\xff\xff\xff")) == "63C2"
    assert _sw(applet.process(status)) == "63C2"
    assert _sw(applet.process(bytes.fromhex("0020008108") + PIN_BLOCK)) == "9000"
    assert _sw(applet.process(status)) == "9000"
    applet.reset()  # power cycle: the PIN state goes, the counter stays (reset to 3 by the right PIN)
    applet.process(SELECT)
    assert _sw(applet.process(status)) == "63C3"


def test_certificate_reads_in_chunks_with_a_short_last_one_then_6b00(applet, pki):
    assert _sw(applet.process(bytes.fromhex("00A4020C02C001"))) == "9000"
    content, offset = b"", 0
    while True:
        r = applet.process(bytes([0, 0xB0, offset >> 8, offset & 0xFF, 0xF0]))
        assert _sw(r) == "9000"
        content += r[:-2]
        offset += len(r) - 2
        if len(r) - 2 < 0xF0:
            break
    assert x509.load_der_x509_certificate(content) == x509.load_pem_x509_certificate(
        pki.agent_pem("agent").read_bytes())
    assert _sw(applet.process(bytes([0, 0xB0, offset >> 8, offset & 0xFF, 0xF0]))) == "6B00"


def test_signature_is_over_the_digest_it_is_given(applet, cards):
    applet.process(bytes.fromhex("0020008108") + PIN_BLOCK)
    challenge = b"fresh challenge"
    digest = hashlib.sha256(challenge).digest()
    r = applet.process(bytes.fromhex("002A9E9A20") + digest + b"\x00")
    assert _sw(r) == "9000"
    cert = x509.load_der_x509_certificate(cards["agent"].certificate_der)
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(r[:-2], challenge, ec.ECDSA(hashes.SHA256()))


def _send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(struct.pack(">H", len(payload)) + payload)


def _recv(conn: socket.socket) -> bytes:
    (n,) = struct.unpack(">H", conn.recv(2, socket.MSG_WAITALL))
    return conn.recv(n, socket.MSG_WAITALL)


def test_the_card_speaks_the_vpcd_protocol_and_leaves_by_closing(cards):
    with socket.create_server(("127.0.0.1", 0)) as vpcd:  # stands in for vpcd's listening socket
        card = VpcdCard(AgentCardApplet(cards["agent"]), vpcd.getsockname()[1])
        card.insert()
        conn, _ = vpcd.accept()
        with conn:
            conn.settimeout(5)
            assert card.wait_connected(5)
            _send(conn, b"\x01")  # power on: no answer
            _send(conn, b"\x04")
            assert _recv(conn) == ATR
            _send(conn, SELECT)
            assert _recv(conn) == b"\x90\x00"
            card.remove()
            assert conn.recv(1) == b""  # the card went away
        assert not card.connected


def test_a_card_put_in_right_after_another_waits_for_pcscd_to_see_the_slot_empty(pki):
    # pcscd learns of a removal by polling the slot: a card back before the next poll would go unseen.
    with socket.create_server(("127.0.0.1", 0)) as vpcd:
        sim = SmartCardSim(pki.root, vpcd_port=vpcd.getsockname()[1])
        try:
            started = time.monotonic()
            assert sim.insert({"name": "agent", "wait_s": 5.0})["connected"]
            assert time.monotonic() - started < SLOT_EMPTY_S / 2  # an empty slot takes a card at once
            first, _ = vpcd.accept()
            sim.remove({})
            left = time.monotonic()
            assert first.recv(1) == b""
            first.close()
            assert sim.insert({"name": "supervisor", "wait_s": 5.0})["connected"]
            assert time.monotonic() - left > SLOT_EMPTY_S - 0.1
            vpcd.accept()[0].close()
        finally:
            sim.close()
