"""Properties of the USB-over-TCP framing: any message `send` writes `receive` reads back, and any
bytes a peer sends are a JSON object or a WireError, never another exception."""

from __future__ import annotations

import socket
import struct

from hypothesis import example, given, settings
from hypothesis import strategies as st

from devices.transport.usb import wire

FAST = settings(max_examples=200, deadline=None)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=10)


def _through_a_socket(raw: bytes) -> dict:
    a, b = socket.socketpair()
    with a, b:
        a.sendall(raw)
        a.shutdown(socket.SHUT_WR)
        return wire.receive(b)


@FAST
@given(st.dictionaries(st.text(max_size=8), JSON, max_size=4))
def test_what_send_writes_receive_reads_back(message):
    a, b = socket.socketpair()
    with a, b:
        wire.send(a, message)
        assert wire.receive(b) == message


@FAST
@given(st.binary(max_size=64))
@example(struct.pack(">I", 5000) + b"1" * 5000)  # a number too long for int()
@example(struct.pack(">I", 20000) + b"[" * 20000)  # nested deeper than the interpreter's stack
def test_any_bytes_from_the_peer_are_a_message_or_a_wire_error(raw):
    # The writer closes after `raw`: a length announcing more than was sent ends as 'connection closed'.
    try:
        message = _through_a_socket(raw)
    except wire.WireError:
        return
    assert isinstance(message, dict)


REPLY = st.dictionaries(st.sampled_from(["ok", "data", "count", "handle", "value", "devices", "error"]),
                        JSON | st.sampled_from(["AAEC", "not base64!", "1e999", 1e300]), max_size=4)


@FAST
@given(REPLY)
@example({"ok": True})  # a reply without its data
@example({"ok": True, "data": "not base64!", "count": float("inf")})
def test_any_bus_reply_is_a_transfer_or_a_usb_error_to_the_driver(reply):
    import array

    import usb.core

    from devices.transport.usb.remote import RemoteBackend

    backend = RemoteBackend("127.0.0.1", 1)
    backend._call = lambda op, wait_ms=None, **fields: reply  # the emulated bus answered this
    transfers = [
        lambda: backend.bulk_read(1, 0x81, 0, array.array("B", bytes(8)), 100),
        lambda: backend.bulk_write(1, 0x01, 0, b"\x01\x02", 100),
        lambda: backend.ctrl_transfer(1, 0xC0, 1, 0, 0, array.array("B", bytes(4)), 100),
        lambda: backend.ctrl_transfer(1, 0x40, 2, 0, 0, b"hi", 100),
        lambda: backend.open_device(type("D", (), {"id": 1})()),
        lambda: backend.get_configuration(1),
    ]
    for transfer in transfers:
        try:
            transfer()
        except usb.core.USBError:
            pass
