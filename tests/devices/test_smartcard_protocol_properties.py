"""Properties of the agent card's APDU layer: whatever a card or a reader answers, the station
gets a Response or a DeviceError with its French message, never another exception; a PIN never shows."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError
from devices.smartcard import protocol as apdu

FAST = settings(max_examples=300, deadline=None)
COMMANDS = [apdu.select_application(), apdu.select_certificate(), apdu.verify_pin("1234"), apdu.pin_status(),
            apdu.read_binary(0), apdu.sign_digest(bytes(32))]


@FAST
@given(st.binary(max_size=300))
def test_any_response_bytes_split_into_data_and_status_word_or_are_refused(raw):
    try:
        response = apdu.parse_response(raw)
    except DeviceError as exc:
        assert len(raw) < 2 and exc.code == "card.protocol"
        return
    assert response.data + response.sw.to_bytes(2, "big") == raw and len(response.sw_hex) == 4


@FAST
@given(st.lists(st.integers(-300, 600), max_size=8))
@example([0x90, 0x100])  # a reader library answering something that is no byte
def test_a_reader_answering_integers_out_of_byte_range_is_a_protocol_error(raw):
    try:
        response = apdu.parse_response(raw)
    except DeviceError as exc:
        assert exc.code == "card.protocol"
        return
    assert all(0 <= b <= 255 for b in raw) and response.sw == (raw[-2] << 8) | raw[-1]


@FAST
@given(st.integers(0, 0xFFFF), st.binary(max_size=16), st.sampled_from(COMMANDS))
def test_every_status_word_is_success_or_a_device_error_with_a_french_message(sw, data, command):
    response = apdu.Response(data, sw)
    try:
        assert apdu.check(response, command) is response and sw == apdu.SW_OK
    except DeviceError as exc:
        assert sw != apdu.SW_OK and exc.code.startswith("card.") and exc.message
        assert "1234" not in f"{exc} {exc!r} {exc.details}"  # the PIN of the VERIFY command
        if exc.code == "card.pin_wrong":
            assert 1 <= exc.details["tries_left"] <= 15 and command.name.startswith("VERIFY")


@FAST
@given(st.integers(0, 0xFFFF))
def test_tries_left_is_a_counter_or_nothing(sw):
    tries = apdu.tries_left(sw)
    assert tries is None or (0 <= tries <= 15 and (sw & 0xFFF0 == 0x63C0 or sw == 0x6983))


@FAST
@given(st.integers(0, 0x7FFF))
def test_read_binary_addresses_any_offset_of_the_file(offset):
    raw = apdu.read_binary(offset).raw
    assert raw[:2] == b"\x00\xb0" and (raw[2] << 8) | raw[3] == offset and len(raw) == 5
