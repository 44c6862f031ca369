"""Puts an emulated agent card in vsmartcard's virtual reader (vpcd), so the station sees it through pcscd.

vpcd, a pcscd reader driver, listens on a TCP port; the card connects to it as a client. Every message
either way is a 2-byte big-endian length then the payload. From vpcd, a 1-byte payload is a control
(0x00 power off, 0x01 power on, 0x02 reset, 0x04 "send your ATR") and anything longer is a command APDU,
answered with the response APDU (data + SW1 SW2). Closing the socket is pulling the card out.

A card "inserted" while nothing listens on the port (pcscd not started, or restarted) keeps trying to
connect in the background, as a card stays in a reader that is unplugged: it shows up once pcscd does.
Faults for the tests are injected here, at the card's contacts: a card that goes silent, or answers
nonsense.

A slot stays empty at least SLOT_EMPTY_S after a card leaves it, as it does when a hand swaps two physical
cards: pcscd learns of a removal by polling the slot (every 0.4 s), and a card back in the slot before the
next poll would go unseen. It matters because pcsc-lite (1.9.9, and its current sources too) has one more
way to learn it: when the card is pulled out as SCardDisconnect resets it (the agent logs out and pulls the
card at once), the failed reset marks the reader empty behind its polling thread's back. That thread still
believes the old card present; if the new one is already in at its next poll it sees no change, and pcscd
reports an empty reader for as long as the new card stays.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from dataclasses import dataclass

from hw_mocks.smartcard.card_data import ATR
from hw_mocks.smartcard.piv_card import Applet

log = logging.getLogger(__name__)

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04
RETRY_S = 0.2
SLOT_EMPTY_S = 0.5  # longer than pcscd's status poll (PCSCLITE_STATUS_POLL_RATE, 0.4 s)


@dataclass
class ApduFault:
    """Breaks the next command APDU: "hang" (answer after `seconds`, or never if removed first),
    "status" (answer only the status word `sw`), "garbage" (a 1-byte answer, not even a status word)."""

    kind: str
    seconds: float = 30.0
    sw: int = 0x6F00
    count: int = 1  # how many commands in a row it breaks (a middleware retries, a broken card does not heal)


class VpcdCard:
    """One card in the vpcd reader at host:port, served by a thread until `remove()`.

    `not_before` (time.monotonic()): the card does not reach the slot earlier, because the previous card
    left it less than SLOT_EMPTY_S ago (`slot_free_at` of that card).
    """

    def __init__(self, applet: Applet, port: int, host: str = "127.0.0.1", *,
                 not_before: float = 0.0, name: str = "") -> None:
        self.applet = applet
        self._name = name
        self.host, self.port = host, port
        self.not_before = not_before
        self._left_at: float | None = None  # when its last connection to vpcd closed
        self._removed = threading.Event()
        self._connected = threading.Event()
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._fault: ApduFault | None = None
        self._thread = threading.Thread(target=self._run, name=f"vpcd-card-{applet.card.name}", daemon=True)

    @property
    def name(self) -> str:
        return self._name or self.applet.card.name

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def insert(self) -> None:
        self._thread.start()

    def wait_connected(self, timeout_s: float) -> bool:
        return self._connected.wait(timeout_s)

    @property
    def slot_free_at(self) -> float:
        """When another card may go into the slot this one left (0: it never was in it)."""
        left_at = self._left_at
        return 0.0 if left_at is None else left_at + SLOT_EMPTY_S

    def inject(self, fault: ApduFault | None) -> None:
        """Break the next commands with `fault`; None heals the card."""
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
        delay = self.not_before - time.monotonic()
        if delay > 0 and self._removed.wait(delay):  # the slot must first be seen empty
            return
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
                self._left_at = time.monotonic()
                self.applet.reset()  # out of the reader, a card loses power and its session
            if not self._removed.is_set():
                # vpcd went away (pcscd restarted) or dropped us: come back, once pcscd has seen us gone.
                self._removed.wait(SLOT_EMPTY_S)
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
            fault = self._fault
            if fault is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self._fault = None
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
        # vpcd writes the length and the APDU in two segments; with Nagle on its side and a delayed ACK on
        # ours, every command would wait ~40 ms. Acknowledging at once (re-armed before each read, as Linux
        # clears it) keeps an APDU round trip near a millisecond, as with a real reader.
        if hasattr(socket, "TCP_QUICKACK"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(n - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
