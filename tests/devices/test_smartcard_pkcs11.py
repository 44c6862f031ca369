"""The PKCS#11 card driver against the real stack: python-pkcs11 -> OpenSC's opensc-pkcs11.so -> pcscd ->
vpcd -> the hw-mocks card emulator's PIV card edge."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pkcs11
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from devices.errors import DeviceError
from devices.smartcard import Pkcs11SmartCardReader
from devices.smartcard.pkcs11_module import DEFAULT_MODULE
from devstation.pcsc import wait_card
from tests.devices.threads import off_main

PIN = "1234"


@pytest.fixture(scope="module", autouse=True)
def _finalize_the_module():
    # OpenSC keeps its own connection to the card while it is loaded: the PC/SC driver's tests, later in
    # this process, need the card to themselves.
    yield
    pkcs11.unload(DEFAULT_MODULE)


@contextmanager
def reader_with(hw_mocks, **settings) -> Iterator[Pkcs11SmartCardReader]:
    """A reader with these `[devices]` settings, closed afterwards."""
    r = Pkcs11SmartCardReader.from_settings(hw_mocks.settings(**settings))
    try:
        yield r
    finally:
        r.close()


@pytest.fixture
def reader(hw_mocks):
    with reader_with(hw_mocks) as r:
        yield r


def _code(fn, *args) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args)
    return caught.value


def test_no_card_means_card_absent(reader, hw_mocks):
    hw_mocks.remove_card()
    assert _code(reader.connect).code == "card.absent"


@pytest.mark.parametrize("card", ["agent", "supervisor", "other-mairie"])
def test_log_in_through_opensc_signs_with_the_certificate_key(reader, hw_mocks, pki, card):
    hw_mocks.insert_card(card)
    info = off_main(reader.connect)
    assert info.reader.startswith("Virtual PCD 00 00") and info.atr.startswith("3B")
    state = off_main(reader.pin_state)
    assert not state.verified and not state.blocked
    der = off_main(reader.read_certificate)
    assert x509.load_der_x509_certificate(der) == x509.load_pem_x509_certificate(pki.agent_pem(card).read_bytes())
    assert _code(reader.sign, b"before the PIN").code == "card.security_status"
    off_main(reader.verify_pin, PIN)
    assert off_main(reader.pin_state).verified
    challenge = os.urandom(48)
    signature = off_main(reader.sign, challenge)
    public_key = x509.load_der_x509_certificate(der).public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(InvalidSignature):
        public_key.verify(signature, challenge + b"x", ec.ECDSA(hashes.SHA256()))


def test_wrong_pins_warn_at_the_last_try_then_block(reader, hw_mocks):
    hw_mocks.insert_card("technician")
    off_main(reader.connect)
    first = _code(reader.verify_pin, "0000")
    assert first.code == "card.pin_wrong" and "Code PIN erroné" in first.message
    second = _code(reader.verify_pin, "9999")
    assert (second.code, second.details["tries_left"]) == ("card.pin_wrong", 1)
    assert "il reste 1 essai" in second.message
    assert off_main(reader.pin_state).tries_left == 1
    assert _code(reader.verify_pin, "1111").code == "card.pin_blocked"
    assert off_main(reader.pin_state).blocked
    assert _code(reader.verify_pin, PIN).code == "card.pin_blocked"  # even the right one


def test_the_blocked_card_says_so_before_any_try(reader, hw_mocks):
    hw_mocks.insert_card("blocked")
    off_main(reader.connect)
    assert off_main(reader.pin_state).blocked
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.pin_blocked" and "superviseur" in err.message


def test_the_pin_ends_with_the_session_and_with_the_card(reader, hw_mocks):
    hw_mocks.insert_card("agent2")
    off_main(reader.connect)
    off_main(reader.verify_pin, PIN)
    off_main(reader.disconnect)
    off_main(reader.connect)
    assert not off_main(reader.pin_state).verified
    assert _code(reader.sign, b"c").code == "card.security_status"
    off_main(reader.verify_pin, PIN)
    hw_mocks.remove_card()
    err = _code(reader.sign, b"c")
    assert err.code == "card.removed" and "retirée" in err.message
    assert not reader.connected
    assert _code(reader.connect).code == "card.absent"


def test_malformed_pin_is_refused_without_costing_a_try(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    for bad in ("12a4", "123", "123456789", ""):
        assert _code(reader.verify_pin, bad).code == "card.pin_format"
    off_main(reader.verify_pin, PIN)  # nothing was spent


def test_the_certificate_is_found_by_label_or_id(hw_mocks, pki):
    hw_mocks.insert_card("agent")
    expected = x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
    for key in ("Certificate for PIV Authentication", "01"):
        with reader_with(hw_mocks, smartcard_key=key) as r:
            off_main(r.connect)
            assert x509.load_der_x509_certificate(off_main(r.read_certificate)) == expected
    with reader_with(hw_mocks, smartcard_key="nothing") as r:
        off_main(r.connect)
        assert _code(r.read_certificate).code == "card.unknown"


def test_a_missing_module_is_a_clear_error(hw_mocks):
    with reader_with(hw_mocks, smartcard_module="/nowhere/vendor-pkcs11.so") as r:
        err = _code(r.connect)
        assert err.code == "card.no_module" and "/nowhere/vendor-pkcs11.so" in err.message


def test_no_reader_matching_the_setting_means_no_reader(hw_mocks):
    with reader_with(hw_mocks, smartcard_reader="Lecteur introuvable") as r:
        assert _code(r.connect).code == "card.no_reader"


def test_card_pulled_out_while_the_pin_is_checked(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    hw_mocks.card_fault("hang", seconds=10)  # the card is slow to answer the VERIFY...
    threading.Timer(0.3, hw_mocks.remove_card, kwargs={"wait": False}).start()  # ...and is pulled out
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.removed"
    assert not reader.connected


def test_the_agent_logs_out_as_the_card_is_pulled_out(reader, hw_mocks):
    # The agent may pull the card out as the station closes the session: the close stays quiet, leaves
    # nothing behind, and the next card is seen and logs in.
    for attempt in range(4):
        hw_mocks.insert_card("agent")
        off_main(reader.connect)
        off_main(reader.verify_pin, PIN)
        if attempt % 2:
            hw_mocks.remove_card(wait=False)
            off_main(reader.disconnect)
        else:
            with ThreadPoolExecutor(1, thread_name_prefix="test-logout") as pool:
                logout = pool.submit(reader.disconnect)
                hw_mocks.remove_card(wait=False)
                logout.result(5)
        assert not reader.connected
        wait_card(False)
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    off_main(reader.verify_pin, PIN)
    assert off_main(reader.sign, b"challenge")


def test_a_card_that_is_no_agent_card_is_refused(reader, hw_mocks):
    hw_mocks.insert_card("bank-card")
    err = _code(reader.connect)
    assert err.code == "card.unknown" and "pas une carte agent" in err.message
    assert not reader.connected


@pytest.mark.parametrize(("fault", "params"), [("status", {"sw": 0x6F00}), ("garbage", {})])
def test_a_response_that_makes_no_sense_is_a_clear_error(reader, hw_mocks, fault, params):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    hw_mocks.card_fault(fault, count=100, **params)  # the card answers nonsense to everything
    err = _code(reader.verify_pin, PIN)
    assert err.code == "card.middleware"
    assert "assistance" in err.message
    hw_mocks.card_fault("clear")
    hw_mocks.insert_card("agent")  # the agent pulls the card out and puts it back
    off_main(reader.connect)
    off_main(reader.verify_pin, PIN)


def test_a_card_that_hangs_times_out_without_freezing_the_process(hw_mocks):
    r = Pkcs11SmartCardReader.from_settings(hw_mocks.settings(link_timeout_s=1.0))
    hw_mocks.insert_card("agent")
    try:
        off_main(r.connect)
        hw_mocks.card_fault("hang", seconds=3)
        ticks: list[float] = []
        stop = threading.Event()

        def tick() -> None:  # runs only if the module call lets go of the GIL
            while not stop.wait(0.05):
                ticks.append(time.monotonic())

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        started = time.monotonic()
        err = _code(r.verify_pin, PIN)
        stop.set()
        assert err.code == "card.timeout"
        assert len([t for t in ticks if t > started]) >= 5
        hw_mocks.insert_card("agent")  # the agent pulls the card out and puts it back
        off_main(r.connect)
        off_main(r.verify_pin, PIN)
    finally:
        hw_mocks.remove_card()
        r.close()


def test_a_key_the_card_unlocks_one_signature_at_a_time_asks_for_the_pin_each_time(hw_mocks, pki):
    # The emulated card's digital signature key (PIV 9C, CKA_ALWAYS_AUTHENTICATE through OpenSC).
    hw_mocks.insert_card("agent")
    with reader_with(hw_mocks, smartcard_key="02") as r:
        off_main(r.connect)
        off_main(r.verify_pin, PIN)
        public_key = x509.load_der_x509_certificate(off_main(r.read_certificate)).public_key()
        assert _code(r.sign, b"manifest").code == "card.pin_again"
        signature = off_main(r.sign, b"manifest", PIN)
        public_key.verify(signature, b"manifest", ec.ECDSA(hashes.SHA256()))
        assert _code(r.sign, b"next manifest").code == "card.pin_again"  # once per signature
        wrong = _code(r.sign, b"next manifest", "0000")
        assert wrong.code == "card.pin_wrong"
        off_main(r.sign, b"next manifest", PIN)
