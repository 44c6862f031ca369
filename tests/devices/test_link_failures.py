"""Faults injected where they happen: nothing listening, a garbled line, silence, a cut connection."""

from __future__ import annotations

import socket
import threading

import pytest

from devices.barcode import SimulatedBarcodeReader
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.transport.simlink import SimLink
from tests.devices.threads import off_main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _error(fn, *args) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args)
    return caught.value


def test_simulator_down_gives_a_french_message_naming_the_device():
    reader = SimulatedBarcodeReader.from_settings(DeviceSettings(simulator_port=_free_port()))
    err = _error(reader.ping)
    assert err.code == "link.unreachable"
    assert err.message.startswith("Le périphérique simulé ne répond pas")
    assert "codes-barres" in err.message and "hw-mocks start" in err.message


def test_simulator_stopping_under_a_connected_driver(hw_mocks, device_settings):
    reader = SimulatedBarcodeReader.from_settings(device_settings)
    off_main(reader.ping)
    hw_mocks.stop()
    err = _error(reader.ping)
    assert err.code in ("link.closed", "link.unreachable")
    assert "simulé" in err.message


def test_garbage_reply_is_a_protocol_error_and_the_link_recovers(hw_mocks, device_settings):
    reader = SimulatedBarcodeReader.from_settings(device_settings)
    hw_mocks.inject_fault("barcode", "garbage")
    err = _error(reader.ping)
    assert err.code == "link.protocol"
    assert "incompréhensible" in err.message
    off_main(reader.ping)  # reconnected


def test_silence_times_out(hw_mocks):
    link = SimLink(hw_mocks.host, hw_mocks.port, "barcode", timeout_s=0.3)
    hw_mocks.inject_fault("barcode", "hang", seconds=1.0)
    err = _error(link.call, "info")
    assert err.code == "link.timeout"
    assert "délai dépassé" in err.message
    assert off_main(link.call, "info")["pending"] == 0


def test_a_cut_connection_is_reported(hw_mocks):
    link = SimLink(hw_mocks.host, hw_mocks.port, "fingerprint")
    hw_mocks.inject_fault("fingerprint", "drop")
    assert _error(link.call, "info").code == "link.closed"


def test_a_device_error_keeps_its_code_and_details(hw_mocks):
    link = SimLink(hw_mocks.host, hw_mocks.port, "smartcard")
    hw_mocks.inject_fault("smartcard", "error", code="card.pin_wrong", details={"tries_left": 1})
    err = _error(link.call, "status")
    assert (err.code, err.details) == ("card.pin_wrong", {"tries_left": 1})
    assert "1 essai" in err.message


def test_an_unknown_device_error_code_still_gives_a_french_message(hw_mocks):
    link = SimLink(hw_mocks.host, hw_mocks.port, "document_scanner")
    hw_mocks.inject_fault("document_scanner", "error", code="scanner.lid_open")
    err = _error(link.call, "info")
    assert err.code == "scanner.lid_open"
    assert err.message.startswith("Le scanner de documents a signalé une erreur")


@pytest.mark.parametrize(
    "reply",
    [b'{"id": 999, "ok": true, "result": {}}\n', b'[1, 2]\n', b'{"id": 1, "ok": false}\n', b"half a line"],
)
def test_replies_that_break_the_protocol(reply):
    """A fake peer at the socket, for malformations the real simulator never produces."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    link = SimLink("127.0.0.1", server.getsockname()[1], "barcode", timeout_s=2.0)
    try:
        assert _error(link.call, "info").code in ("link.protocol", "link.closed")
    finally:
        server.close()
