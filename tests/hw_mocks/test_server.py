"""The link protocol as docs/simulated-devices.md publishes it, spoken raw over TCP."""

from __future__ import annotations

import json
import socket

import pytest

from hw_mocks.client import LinkError, call


def _raw(port: int, *lines: bytes) -> list[dict]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock, sock.makefile("rb") as reader:
        replies = []
        for line in lines:
            sock.sendall(line)
            replies.append(json.loads(reader.readline()))
        return replies


def test_several_requests_on_one_connection_answer_in_order(hw_mocks):
    replies = _raw(
        hw_mocks.port,
        b'{"id": 1, "device": "system", "op": "ping", "args": {}}\n',
        b'{"id": 2, "device": "camera", "op": "info"}\n',
    )
    assert replies[0] == {"id": 1, "ok": True, "result": {"pong": True, "version": 1}}
    assert replies[1]["id"] == 2 and replies[1]["result"]["width"] == 1280


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"not json\n", "link.bad_request"),
        (b'{"id": 3, "device": 5, "op": "x"}\n', "link.bad_request"),
        (b'{"id": 4, "device": "toaster", "op": "info"}\n', "link.unknown_device"),
        (b'{"id": 5, "device": "camera", "op": "explode"}\n', "link.unknown_op"),
        (b'{"id": 6, "device": "barcode", "op": "read", "args": {"timeout_s": "soon"}}\n', "link.bad_args"),
    ],
)
def test_bad_requests_get_an_error_reply_and_the_connection_stays_usable(hw_mocks, line, code):
    bad, ping = _raw(hw_mocks.port, line, b'{"id": 9, "device": "system", "op": "ping"}\n')
    assert bad["ok"] is False and bad["error"]["code"] == code and bad["error"]["detail"]
    assert ping["ok"] is True


def test_system_info_lists_devices_and_cards(hw_mocks):
    info = call("system", "info", port=hw_mocks.port)
    assert set(info["devices"]) == {"camera", "fingerprint", "signature_pad", "barcode", "document_scanner",
                                    "smartcard", "printer", "sbi"}
    assert {"agent", "supervisor", "technician", "revoked", "foreign"} <= set(info["cards"])
    assert info["card"] is None
    hw_mocks.insert_card("technician")
    assert call("system", "info", port=hw_mocks.port)["card"] == "technician"


def test_inserting_an_unknown_card_is_refused(hw_mocks):
    with pytest.raises(LinkError) as caught:
        hw_mocks.insert_card("intruder")
    assert caught.value.code == "card.unknown"


def test_shutdown_op_stops_the_server(hw_mocks):
    assert call("system", "shutdown", port=hw_mocks.port) == {"stopping": True}
    assert hw_mocks._server.stopped.wait(5)
    with pytest.raises(LinkError):
        call("system", "ping", port=hw_mocks.port, timeout_s=1)
