"""The PC/SC card driver against the real stack: pyscard -> pcscd -> vpcd -> the hw-mocks card emulator."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from devices.errors import DeviceError
from devices.smartcard import PcscSmartCardReader
from devstation.pcsc import wait_card
from tests.devices.threads import off_main

PIN = "1234"


@pytest.fixture
def reader(device_settings):
    r = PcscSmartCardReader.from_settings(device_settings)
    yield r
    r.close()


def _code(fn, *args) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args)
    return caught.value


def test_no_card_means_card_absent(reader):
    assert "Virtual PCD 00 00" in off_main(reader.readers)
    assert off_main(reader.card_present) is False
    err = _code(reader.connect)
    assert err.code == "card.absent"
    assert "Insérez" in err.message


@pytest.mark.parametrize("card", ["agent", "supervisor", "technician"])
def test_log_in_sequence_signs_with_the_certificate_key(reader, hw_mocks, pki, card):
    hw_mocks.insert_card(card)
    info = off_main(reader.connect)
    assert info.reader == "Virtual PCD 00 00"
    assert info.atr.startswith("3B") and info.atr == info.atr.upper()
    assert off_main(reader.pin_state).tries_left == 3
    off_main(reader.verify_pin, PIN)
    assert off_main(reader.pin_state).verified  # verified in this session
    der = off_main(reader.read_certificate)
    cert = x509.load_der_x509_certificate(der)
    assert cert == x509.load_pem_x509_certificate(pki.agent_pem(card).read_bytes())
    challenge = os.urandom(32)
    signature = off_main(reader.sign, challenge)
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(InvalidSignature):
        public_key.verify(signature, challenge + b"x", ec.ECDSA(hashes.SHA256()))


def test_wrong_pins_count_down_then_block(reader, hw_mocks):
    hw_mocks.insert_card("supervisor")
    off_main(reader.connect)
    first = _code(reader.verify_pin, "0000")
    assert (first.code, first.details["tries_left"]) == ("card.pin_wrong", 2)
    assert "il reste 2 essais" in first.message
    assert off_main(reader.pin_state).tries_left == 2
    second = _code(reader.verify_pin, "9999")
    assert (second.code, second.details["tries_left"]) == ("card.pin_wrong", 1)
    assert "il reste 1 essai" in second.message and "bloquée" in second.message
    assert _code(reader.verify_pin, "1111").code == "card.pin_blocked"
    assert off_main(reader.pin_state).tries_left == 0
    # Blocked means blocked: even the right PIN is refused, in a new session too.
    assert _code(reader.verify_pin, PIN).code == "card.pin_blocked"
    hw_mocks.insert_card("supervisor")
    off_main(reader.connect)
    assert _code(reader.verify_pin, PIN).code == "card.pin_blocked"


def test_the_right_pin_resets_the_counter(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    _code(reader.verify_pin, "0000")
    off_main(reader.verify_pin, PIN)
    off_main(reader.disconnect)
    off_main(reader.connect)
    assert off_main(reader.pin_state).tries_left == 3


def test_the_blocked_card_says_so_before_any_try(reader, hw_mocks):
    hw_mocks.insert_card("blocked")
    off_main(reader.connect)
    assert off_main(reader.pin_state).tries_left == 0
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.pin_blocked" and "superviseur" in err.message


def test_sign_without_pin_is_refused(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    assert _code(reader.sign, b"challenge").code == "card.security_status"


def test_pin_does_not_survive_a_new_session_or_a_removal(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    off_main(reader.verify_pin, PIN)
    off_main(reader.disconnect)
    off_main(reader.connect)
    assert _code(reader.sign, b"c").code == "card.security_status"
    off_main(reader.verify_pin, PIN)
    hw_mocks.remove_card()
    err = _code(reader.sign, b"c")
    assert err.code == "card.removed" and "retirée" in err.message
    assert not reader.connected
    assert _code(reader.connect).code == "card.absent"


def test_card_pulled_out_while_the_pin_is_checked(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    hw_mocks.card_fault("hang", seconds=10)  # the card is slow to answer the VERIFY...
    threading.Timer(0.3, hw_mocks.remove_card, kwargs={"wait": False}).start()  # ...and is pulled out
    started = time.monotonic()
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.removed"
    assert time.monotonic() - started < 3


def test_the_agent_logs_out_as_the_card_is_pulled_out(reader, hw_mocks):
    # The station ends the session (a card reset) on its worker when the agent logs out or the station
    # locks, and the agent may pull the card out at that very moment: pcscd's reset then meets a card that
    # is gone. The disconnect stays quiet and leaves nothing behind, and the next card is seen and logs in.
    for attempt in range(4):
        hw_mocks.insert_card("agent")
        off_main(reader.connect)
        off_main(reader.verify_pin, PIN)
        if attempt % 2:  # the card is out first: the reset fails every time
            hw_mocks.remove_card(wait=False)
            off_main(reader.disconnect)
        else:  # both at once
            with ThreadPoolExecutor(1, thread_name_prefix="test-logout") as pool:
                logout = pool.submit(reader.disconnect)
                hw_mocks.remove_card(wait=False)
                logout.result(5)
        assert not reader.connected
        wait_card(False)  # pcscd says the reader is empty, maybe before its polling thread saw it so
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    off_main(reader.verify_pin, PIN)
    assert off_main(reader.sign, b"challenge")


def test_a_card_that_never_answers_times_out_and_the_reader_recovers(hw_mocks, pcscd):
    r = PcscSmartCardReader.from_settings(hw_mocks.settings(link_timeout_s=1.0))
    try:
        hw_mocks.insert_card("agent")
        off_main(r.connect)
        hw_mocks.card_fault("hang", seconds=30)
        started = time.monotonic()
        err = _code(r.verify_pin, PIN)
        assert err.code == "card.timeout" and "ne répond pas" in err.message
        assert 0.9 < time.monotonic() - started < 2.5
        assert not r.connected
        hw_mocks.insert_card("agent")  # the agent pulls the card out and puts it back
        off_main(r.connect)
        off_main(r.verify_pin, PIN)
    finally:
        r.close()


@pytest.mark.parametrize(("fault", "params", "shown"), [
    ("status", {"sw": 0x6F00}, "6F00"), ("status", {"sw": 0x6D00}, "6D00"), ("garbage", {}, "code —"),
])
def test_a_response_that_makes_no_sense_is_a_clear_error(reader, hw_mocks, fault, params, shown):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    hw_mocks.card_fault(fault, **params)
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.protocol"
    assert shown in err.message and "assistance" in err.message


def test_a_card_without_the_agent_application_is_not_an_agent_card(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    hw_mocks.card_fault("status", sw=0x6A82)  # the SELECT of our AID finds nothing
    err = _code(reader.connect)
    assert err.code == "card.unknown" and "pas une carte agent" in err.message
    assert not reader.connected


def test_malformed_pin_is_refused_locally_without_costing_a_try(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    for bad in ("12a4", "123", "123456789", ""):
        assert _code(reader.verify_pin, bad).code == "card.pin_format"
    assert off_main(reader.pin_state).tries_left == 3


def test_no_reader_matching_the_setting_means_no_reader(hw_mocks):
    r = PcscSmartCardReader.from_settings(hw_mocks.settings(smartcard_reader="Lecteur introuvable"))
    try:
        assert _code(r.card_present).code == "card.no_reader"
        err = _code(r.connect)
        assert err.code == "card.no_reader" and "Branchez" in err.message
    finally:
        r.close()
