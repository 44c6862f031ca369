"""Puts an emulated agent card in vsmartcard's virtual reader (vpcd), so the station sees it through pcscd.

vpcd, a pcscd reader driver, listens on a TCP port; the card connects to it as a client. Every message
either way is a 2-byte big-endian length then the payload. From vpcd, a 1-byte payload is a control
(0x00 power off, 0x01 power on, 0x02 reset, 0x04 "send your ATR") and anything longer is a command APDU,
answered with the response APDU (data + SW1 SW2). Closing the socket is pulling the card out.

A card "inserted" while nothing listens on the port (pcscd not started, or restarted) keeps trying to
connect in the background, as a card stays in a reader that is unplugged: it shows up once pcscd does.
Faults for the tests are injected here, at the card's contacts: a card that goes silent, or answers
nonsense.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
from dataclasses import dataclass

from hw_mocks.agent_card import ATR, AgentCardApplet

log = logging.getLogger(__name__)

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04
RETRY_S = 0.2


@dataclass
class ApduFault:
    """Breaks the next command APDU: "hang" (answer after `seconds`, or never if removed first),
    "status" (answer only the status word `sw`), "garbage" (a 1-byte answer, not even a status word)."""

    kind: str
    seconds: float = 30.0
    sw: int = 0x6F00


class VpcdCard:
    """One card in the vpcd reader at host:port, served by a thread until `remove()`."""

    def __init__(self, applet: AgentCardApplet, port: int, host: str = "127.0.0.1") -> None:
        self.applet = applet
        self.host, self.port = host, port
        self._removed = threading.Event()
        self._connected = threading.Event()
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._fault: ApduFault | None = None
        self._thread = threading.Thread(target=self._run, name=f"vpcd-card-{applet.card.name}", daemon=True)

    @property
    def name(self) -> str:
        return self.applet.card.name

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def insert(self) -> None:
        self._thread.start()

    def wait_connected(self, timeout_s: float) -> bool:
        return self._connected.wait(timeout_s)

    def inject(self, fault: ApduFault) -> None:
        with self._lock:
            self._fault = fault

    def remove(self, timeout_s: float = 5.0) -> None:
        self._removed.set()
        with self._lock:
            sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in recv
            except OSError:
                pass
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    # -- the card's thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._removed.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                self._removed.wait(RETRY_S)  # no reader yet: wait for pcscd
                continue
            sock.settimeout(None)
            with self._lock:
                self._sock = sock
            if self._removed.is_set():  # removed while we connected
                sock.close()
                break
            self._connected.set()
            log.info("card %s in the vpcd reader on port %d", self.name, self.port)
            try:
                self._serve(sock)
            except OSError:
                pass
            finally:
                self._connected.clear()
                with self._lock:
                    self._sock = None
                sock.close()
                self.applet.reset()  # out of the reader, a card loses power and its session
            if not self._removed.is_set():
                self._removed.wait(RETRY_S)  # vpcd went away (pcscd restarted): reconnect
        log.info("card %s removed", self.name)

    def _serve(self, sock: socket.socket) -> None:
        while True:
            message = _recv_message(sock)
            if message is None:
                return
            if len(message) == 1:
                reply = self._control(message[0])
            else:
                reply = self._command(message)
            if reply is not None:
                sock.sendall(struct.pack(">H", len(reply)) + reply)

    def _control(self, code: int) -> bytes | None:
        if code == CTRL_ATR:
            return ATR
        if code in (CTRL_OFF, CTRL_ON, CTRL_RESET):
            self.applet.reset()
        return None  # power and reset get no answer

    def _command(self, apdu: bytes) -> bytes | None:
        with self._lock:
            fault, self._fault = self._fault, None
        if fault is not None and fault.kind == "hang":
            if self._removed.wait(fault.seconds):
                return None
        elif fault is not None and fault.kind == "status":
            return struct.pack(">H", fault.sw)
        elif fault is not None and fault.kind == "garbage":
            return b"\x90"
        # Never log the APDU itself: a VERIFY carries the PIN.
        response = self.applet.process(apdu)
        log.debug("card %s: INS %02X -> %s", self.name, apdu[1], response[-2:].hex().upper())
        return response


def _recv_message(sock: socket.socket) -> bytes | None:
    header = _recv_exact(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _recv_exact(sock, length) if length else b""


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < n:
        chunk = sock.recv(n - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
