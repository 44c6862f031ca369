from __future__ import annotations

import logging
import os

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from devices.errors import DeviceError
from devices.smartcard import SimulatedSmartCardReader
from tests.devices.threads import off_main

PIN = "1234"


@pytest.fixture
def reader(device_settings):
    r = SimulatedSmartCardReader.from_settings(device_settings)
    yield r
    r.close()


def _code(fn, *args) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args)
    return caught.value


def test_one_reader_and_no_card_means_card_absent(reader):
    assert off_main(reader.readers)
    assert off_main(reader.card_present) is False
    err = _code(reader.connect)
    assert err.code == "card.absent"
    assert "Insérez" in err.message


def test_connect_reports_reader_and_atr(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    assert off_main(reader.card_present) is True
    info = off_main(reader.connect)
    assert info.reader in off_main(reader.readers)
    assert len(info.atr) >= 8 and int(info.atr, 16) and info.atr == info.atr.upper()


def test_wrong_pins_count_down_then_block(reader, hw_mocks):
    hw_mocks.insert_card("supervisor")
    off_main(reader.connect)
    first = _code(reader.verify_pin, "0000")
    assert (first.code, first.details["tries_left"]) == ("card.pin_wrong", 2)
    assert "2 essai" in first.message
    second = _code(reader.verify_pin, "9999")
    assert (second.code, second.details["tries_left"]) == ("card.pin_wrong", 1)
    assert _code(reader.verify_pin, "1111").code == "card.pin_blocked"
    # Blocked means blocked: even the right PIN is refused now.
    assert _code(reader.verify_pin, PIN).code == "card.pin_blocked"


def test_right_pin_then_signature_verifies_with_the_certificate(reader, hw_mocks, pki):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    _code(reader.verify_pin, "0000")  # one wrong try is reset by the right PIN
    off_main(reader.verify_pin, PIN)
    der = off_main(reader.read_certificate)
    cert = x509.load_der_x509_certificate(der)
    assert cert == x509.load_pem_x509_certificate(pki.agent_pem("agent").read_bytes())
    challenge = os.urandom(32)
    signature = off_main(reader.sign, challenge)
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(InvalidSignature):
        public_key.verify(signature, challenge + b"x", ec.ECDSA(hashes.SHA256()))


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
    assert _code(reader.sign, b"c").code == "card.absent"


def test_malformed_pin_is_refused_locally_without_costing_a_try(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    assert _code(reader.verify_pin, "12a4").code == "card.pin_format"
    assert _code(reader.verify_pin, "0000").details["tries_left"] == 2


def test_the_pin_never_reaches_logs_or_errors(reader, hw_mocks, caplog):
    secret_wrong, secret_right = "86420975", "1234"
    hw_mocks.insert_card("technician")
    caplog.set_level(logging.DEBUG)
    off_main(reader.connect)
    err = _code(reader.verify_pin, secret_wrong)
    off_main(reader.verify_pin, secret_right)
    assert secret_wrong not in str(err) + repr(err) + err.message + repr(err.details)
    assert secret_wrong not in caplog.text
    assert '"pin"' not in caplog.text
