"""The emulated agent cards: what they carry, and their side of the vpcd protocol."""

from __future__ import annotations

import socket
import struct
import time

import pytest

from hw_mocks.smartcard.card_data import ATR, load_cards
from hw_mocks.smartcard.control import SmartCardSim
from hw_mocks.smartcard.piv_card import AID, PivApplet
from hw_mocks.smartcard.vpcd_card import SLOT_EMPTY_S, VpcdCard

SELECT = bytes.fromhex("00A404000B") + AID + b"\x00"


@pytest.fixture
def cards(pki):
    return load_cards(pki.root)


def test_cards_come_from_the_pki_with_their_pin_settings(cards):
    assert {"agent", "supervisor", "technician", "agent2", "expired", "revoked", "blocked", "foreign",
            "other-mairie"} <= set(cards)
    assert cards["blocked"].tries_left == 0 and cards["agent"].tries_left == 3
    assert "1234" not in repr(cards["agent"])


def _send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(struct.pack(">H", len(payload)) + payload)


def _recv(conn: socket.socket) -> bytes:
    (n,) = struct.unpack(">H", conn.recv(2, socket.MSG_WAITALL))
    return conn.recv(n, socket.MSG_WAITALL)


def test_the_card_speaks_the_vpcd_protocol_and_leaves_by_closing(cards):
    with socket.create_server(("127.0.0.1", 0)) as vpcd:  # stands in for vpcd's listening socket
        card = VpcdCard(PivApplet(cards["agent"]), vpcd.getsockname()[1])
        card.insert()
        conn, _ = vpcd.accept()
        with conn:
            conn.settimeout(5)
            assert card.wait_connected(5)
            _send(conn, b"\x01")  # power on: no answer
            _send(conn, b"\x04")
            assert _recv(conn) == ATR
            _send(conn, SELECT)
            assert _recv(conn)[-2:] == b"\x90\x00"
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
