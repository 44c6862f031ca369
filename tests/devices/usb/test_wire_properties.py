"""Properties of the USB-over-TCP framing (issue 12): any message `send` writes `receive` reads back, and any
bytes a peer sends are a JSON object or a WireError, never another exception."""

from __future__ import annotations

import socket
import struct

from hypothesis import example, given, settings
from hypothesis import strategies as st

from devices.usb import wire

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
