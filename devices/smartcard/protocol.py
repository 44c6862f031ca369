"""The agent card application's commands (ISO 7816-4 short APDUs) and what its status words mean.

The application is specified in docs/agent-card.md. This module only builds bytes and reads them back: it
does no I/O, so every command and every status word can be tested without a card. Status words are turned
here, in one place, into the DeviceError the agent sees (French text from devices/strings/).

A VERIFY command carries the PIN: `Command.__repr__` and every error built here leave the data out, so a
PIN cannot reach a log or a traceback through this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices import strings
from devices.errors import DeviceError

AID = bytes.fromhex("F0 52 45 43 55 45 49 4C 01")  # F0 (proprietary) + "RECUEIL" + version 01
CERT_EF = bytes.fromhex("C0 01")
PIN_BLOCK = 8  # bytes: ASCII digits padded with FF
READ_CHUNK = 0xF0  # Le of each READ BINARY; the card may answer fewer bytes on the last chunk
MAX_CERTIFICATE = 16 * 1024  # a certificate longer than this is a card bug, not a certificate

SW_OK = 0x9000


@dataclass(frozen=True)
class Command:
    """One command APDU. `name` is what logs show; `data` is never shown (it may be a PIN)."""

    name: str
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @property
    def sw_hex(self) -> str:
        return f"{self.sw:04X}"


def _apdu(cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
    raw = bytes([cla, ins, p1, p2])
    if data:
        raw += bytes([len(data)]) + data
    if le is not None:
        raw += bytes([le & 0xFF])
    return raw


def select_application() -> Command:
    return Command("SELECT AID", _apdu(0x00, 0xA4, 0x04, 0x00, AID, 0x00))


def select_certificate() -> Command:
    return Command("SELECT EF C001", _apdu(0x00, 0xA4, 0x02, 0x0C, CERT_EF))


def verify_pin(pin: str) -> Command:
    """The caller has checked the PIN is 4 to 8 ASCII digits."""
    return Command("VERIFY", _apdu(0x00, 0x20, 0x00, 0x81, pin.encode("ascii").ljust(PIN_BLOCK, b"\xff")))


def pin_status() -> Command:
    """VERIFY without data: 9000 if verified in this session, else 63Cx (x tries left) or 6983 (blocked)."""
    return Command("VERIFY (status)", _apdu(0x00, 0x20, 0x00, 0x81))


def read_binary(offset: int, length: int = READ_CHUNK) -> Command:
    return Command(f"READ BINARY @{offset}", _apdu(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le=length))


def sign_digest(digest: bytes) -> Command:
    """PSO: COMPUTE DIGITAL SIGNATURE of a SHA-256 digest (the card signs what it is given, prehashed)."""
    if len(digest) != 32:
        raise ValueError("a SHA-256 digest is 32 bytes")
    return Command("PSO CDS", _apdu(0x00, 0x2A, 0x9E, 0x9A, digest, 0x00))


def parse_response(raw: bytes | list[int]) -> Response:
    """Split data and status word; fewer than 2 bytes is no response at all (a card or reader fault)."""
    try:
        raw = bytes(raw)
    except (TypeError, ValueError):  # a reader library answering values that are no bytes
        raise error("card.protocol", sw="—") from None
    if len(raw) < 2:
        raise error("card.protocol", sw="—")
    return Response(raw[:-2], (raw[-2] << 8) | raw[-1])


def tries_left(sw: int) -> int | None:
    """The try counter a VERIFY status word carries: 63Cx -> x, 6983 -> 0; None for any other word."""
    if sw & 0xFFF0 == 0x63C0:
        return sw & 0x000F
    if sw == 0x6983:
        return 0
    return None


def error(code: str, **fields: object) -> DeviceError:
    """A card error with its catalogue message; `details` keeps the same small facts (never a PIN)."""
    return DeviceError(code, strings.message(code, kind="smartcard", **fields), dict(fields))


def pin_error(tries: int | None) -> DeviceError:
    """A wrong PIN; `tries` left before the card blocks, None when the card does not say."""
    if tries is None:
        return DeviceError("card.pin_wrong", strings.message("card.pin_wrong_uncounted"), {})
    if tries <= 0:
        return error("card.pin_blocked")
    # The last try gets its own warning: the next mistake blocks the card.
    text = strings.message("card.pin_wrong_last" if tries == 1 else "card.pin_wrong", tries_left=tries)
    return DeviceError("card.pin_wrong", text, {"tries_left": tries})


def check(response: Response, command: Command) -> Response:
    """The response if its status word is 9000, else the DeviceError that status word means."""
    sw = response.sw
    if sw == SW_OK:
        return response
    tries = tries_left(sw)
    if tries is not None and command.name.startswith("VERIFY"):
        raise pin_error(tries)
    if sw == 0x6982:
        raise error("card.security_status")
    if sw == 0x6A82:
        # The application or its certificate file is missing: some other card (a bank card...).
        raise error("card.unknown")
    if sw == 0x6985:
        # Only SELECT works before the application is selected: the card was reset under us.
        raise error("card.not_connected")
    # 6700 wrong length, 6A86 wrong P1-P2, 6B00 offset, 6D00 INS, 6E00 CLA, or anything else: our command
    # and the card disagree, which the agent cannot fix; the code goes to the technician.
    raise error("card.protocol", sw=response.sw_hex)
