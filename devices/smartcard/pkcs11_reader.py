"""The agent card through its PKCS#11 module: OpenSC's `opensc-pkcs11.so` by default (PIV, IAS-ECC and many
national cards), or the card vendor's middleware named in `[devices] smartcard_module`.

Slot choice: the first slot whose reader name contains `smartcard_reader` ("" = the first with a card).
The agent's certificate is found by `smartcard_key` (its label, or its CKA_ID in hex), else it is the first
certificate on the token able to sign (digitalSignature), in CKA_ID order; its private key is the one with
the same CKA_ID, visible once the PIN is verified. A card session is a PKCS#11 session: public until
`verify_pin()`, then logged in; `disconnect()` closes it, which logs the card out.

Card presence and removal are watched through PC/SC (observer.py), as every PKCS#11 module on this
platform sits on PC/SC: one watch for every middleware, and no blocking C_WaitForSlotEvent to cancel.

PKCS#11 says little about the PIN counter: the token flags only mark the last try and the blocked PIN,
so the tries left are known only then (PinState.tries_left is None otherwise).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from typing import Any

from pkcs11 import Attribute, Mechanism, ObjectClass, TokenFlag
from pkcs11 import exceptions as ckr

from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.smartcard import pkcs11_module
from devices.smartcard.card_errors import error, pin_error
from devices.smartcard.context import PcscContext
from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, PinState, ReaderStatus
from devices.smartcard.observer import CardObserver
from devices.smartcard.pkcs11_module import card_error
from devices.worker import assert_not_gui_thread

log = logging.getLogger(__name__)

_PIN = re.compile(r"[0-9]{4,8}")
# A card PC/SC sees but the module lists no token for is detected again this many times before it is
# called no agent card.
_DETECT_TRIES = 3
_DETECT_PAUSE_S = 0.3
REMOVAL_GRACE_S = 1.0  # pcscd polls card presence every 0.4 s


class Pkcs11SmartCardReader(SmartCardReader):
    implementation = "pkcs11"

    def __init__(self, module: str = pkcs11_module.DEFAULT_MODULE, reader_filter: str = "", key: str = "",
                 timeout_s: float = 5.0) -> None:
        self.module_path = module
        self.reader_filter = reader_filter
        self.key = key
        self.timeout_s = timeout_s
        self._pcsc = PcscContext()
        self._slot: Any = None
        self._token: Any = None
        self._session: Any = None
        self._logged_in = False
        self._key_id: bytes | None = None
        self._info: CardInfo | None = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> Pkcs11SmartCardReader:
        return cls(settings.smartcard_module or pkcs11_module.DEFAULT_MODULE, settings.smartcard_reader,
                   settings.smartcard_key, settings.link_timeout_s)

    def __repr__(self) -> str:
        return f"Pkcs11SmartCardReader(module={self.module_path!r}, connected={self.connected})"

    # -- reader (PC/SC) --------------------------------------------------------------------------------

    def readers(self) -> list[str]:
        assert_not_gui_thread()
        return self._pcsc.readers()

    def status(self) -> ReaderStatus:
        assert_not_gui_thread()
        reader = self._reader()
        present, atr = self._pcsc.reader_state(reader)
        return ReaderStatus(reader, present, atr.hex().upper())

    def card_present(self) -> bool:
        return self.status().present

    def watch(self, callback: CardCallback) -> CardWatch:
        return CardObserver(self.reader_filter).start(callback)

    def token_description(self) -> dict[str, str]:
        # The token's label is the holder's name on many cards (OpenSC's PIV): it stays out.
        token = self._token
        if token is None:
            return {"module": self.module_path, "token": "?"}
        return {"module": self.module_path,
                "token": f"{str(token.manufacturer_id).strip()} ({str(token.model).strip()})"}

    # -- card session (PKCS#11) ------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._session is not None

    def connect(self) -> CardInfo:
        assert_not_gui_thread()
        self.disconnect()
        library = pkcs11_module.load(self.module_path, self.timeout_s)
        slot = self._call(lambda: self._pick_slot(library), in_session=False)
        self._token = self._call(slot.get_token, in_session=False)
        self._session = self._call(self._token.open, in_session=False)
        self._slot = slot
        reader = str(slot.slot_description).strip()
        try:
            _, atr = self._pcsc.reader_state(reader)
        except DeviceError:
            atr = b""  # a vendor module may name its slots unlike PC/SC's readers
        self._info = CardInfo(reader, atr.hex().upper())
        log.info("card session opened through %s", self.module_path)
        return self._info

    def verify_pin(self, pin: str) -> None:
        assert_not_gui_thread()
        if not isinstance(pin, str) or not _PIN.fullmatch(pin):
            raise error("card.pin_format")  # checked here so a malformed PIN never costs a try
        token = self._open_token()
        session = self._call(lambda: token.open(user_pin=pin), in_session=True)
        self._close_session()
        self._session, self._logged_in = session, True

    def pin_state(self) -> PinState:
        assert_not_gui_thread()
        if self._logged_in:
            return PinState(verified=True, tries_left=None)
        flags = self._token_flags()
        if flags & TokenFlag.USER_PIN_LOCKED:
            return PinState(verified=False, tries_left=0)
        if flags & TokenFlag.USER_PIN_FINAL_TRY:
            return PinState(verified=False, tries_left=1)
        return PinState(verified=False, tries_left=None)

    def read_certificate(self) -> bytes:
        assert_not_gui_thread()
        session = self._open_session()
        certificate, key_id = self._call(lambda: self._find_certificate(session), in_session=True)
        self._key_id = key_id
        return certificate

    def sign(self, challenge: bytes, pin: str | None = None) -> bytes:
        assert_not_gui_thread()
        session = self._open_session()
        if not self._logged_in:
            raise error("card.security_status")
        if self._key_id is None:
            self.read_certificate()
        key_id = self._key_id
        digest = hashlib.sha256(challenge).digest()
        if pin is not None and not _PIN.fullmatch(pin):
            raise error("card.pin_format")

        def sign() -> bytes:
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.ID: key_id}))
            if not keys:
                raise error("card.unknown")
            if _always_authenticate(keys[0]):
                # A signature key whose card wants the PIN for each use (a qualified signature key):
                # the session's log-in is not enough.
                if pin is None:
                    raise error("card.pin_again")
                session.reaffirm_credentials(pin)
            return bytes(keys[0].sign(digest, mechanism=Mechanism.ECDSA))

        raw = self._call(sign, in_session=True)
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

        half = len(raw) // 2
        if not raw or len(raw) % 2:
            raise error("card.middleware", reason="signature")
        return encode_dss_signature(int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big"))

    def disconnect(self) -> None:
        assert_not_gui_thread()
        self._forget_card()

    def close(self) -> None:
        self._forget_card()
        self._pcsc.release()

    def _forget_card(self) -> None:
        self._close_session()
        self._slot = self._token = self._info = self._key_id = None

    # -- internals -------------------------------------------------------------------------------------

    def _reader(self) -> str:
        for name in self._pcsc.readers():
            if self.reader_filter in name:
                return name
        raise error("card.no_reader")

    def _pick_slot(self, library: Any) -> Any:
        slots = [s for s in library.get_slots(token_present=False)
                 if self.reader_filter in str(s.slot_description)]
        if not slots:
            raise error("card.no_reader")
        wanted = {s.slot_id for s in slots}
        for attempt in range(_DETECT_TRIES):
            with_card = [s for s in library.get_slots(token_present=True) if s.slot_id in wanted]
            if with_card:
                return with_card[0]
            if not self._pcsc_sees_card(slots):
                raise error("card.absent")
            # PC/SC holds a card the module lists no token for: OpenSC detects again at each slot listing,
            # and a card caught mid-reset reads on the next one. A card it still cannot read is no agent card.
            if attempt < _DETECT_TRIES - 1:
                time.sleep(_DETECT_PAUSE_S)
        raise error("card.unknown")

    def _pcsc_sees_card(self, slots: list[Any]) -> bool:
        for slot in slots:
            try:
                if self._pcsc.reader_state(str(slot.slot_description).strip())[0]:
                    return True
            except DeviceError:
                continue  # a vendor module may name its slots unlike PC/SC's readers
        return False

    def _find_certificate(self, session: Any) -> tuple[bytes, bytes]:
        found = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            key_id, label = bytes(obj[Attribute.ID]), str(obj[Attribute.LABEL])
            if self.key and self.key not in (label, key_id.hex()):
                continue
            found.append((key_id, bytes(obj[Attribute.VALUE])))
        for key_id, der in sorted(found):
            if self.key or _can_sign(der):
                return der, key_id
        raise error("card.unknown")

    def _token_flags(self) -> int:
        slot = self._slot
        if slot is None:
            raise error("card.not_connected")
        return int(self._call(lambda: slot.get_token().flags, in_session=True))

    def _open_token(self) -> Any:
        if self._token is None:
            raise error("card.not_connected")
        return self._token

    def _open_session(self) -> Any:
        if self._session is None:
            raise error("card.not_connected")
        return self._session

    def _wrong_pin(self) -> DeviceError:
        try:
            tries = self.pin_state().tries_left
        except DeviceError as exc:
            return exc
        return pin_error(tries)

    def _call(self, call: Any, *, in_session: bool) -> Any:
        try:
            return pkcs11_module.guarded(call, self.timeout_s)
        except ckr.PinIncorrect:  # a log-in, or a signature key's own PIN: say how many tries are left
            raise self._wrong_pin() from None
        except Exception as exc:  # noqa: BLE001 - every module error is mapped, none is let through raw
            raise self._lost(self._mapped(exc, in_session=in_session)) from None

    def _mapped(self, exc: Exception, *, in_session: bool) -> DeviceError:
        mapped = card_error(exc, in_session=in_session)
        if mapped.code == "card.middleware" and in_session and self._card_pulled_out():
            return error("card.removed")  # the module only saw a command fail
        return mapped

    def _card_pulled_out(self) -> bool:
        """After a failed command: was the card pulled out? pcscd notices within its polling period."""
        reader = self._info.reader if self._info else ""
        deadline = time.monotonic() + REMOVAL_GRACE_S
        while reader and time.monotonic() < deadline:
            try:
                present, _ = self._pcsc.reader_state(reader)
            except DeviceError:
                return False
            if not present:
                return True
            time.sleep(0.05)
        return False

    def _lost(self, exc: DeviceError) -> DeviceError:
        if exc.code in ("card.removed", "card.absent", "card.timeout"):
            self._session, self._logged_in = None, False  # the module forgets it; nothing to close
        return exc

    def _close_session(self) -> None:
        session, self._session, self._logged_in = self._session, None, False
        if session is None:
            return
        try:
            pkcs11_module.guarded(session.close, self.timeout_s)  # the last session: the card logs out
        except Exception as exc:  # noqa: BLE001 - a card already gone has nothing left to close
            log.info("card session close: %s", type(exc).__name__)


def _always_authenticate(key: Any) -> bool:
    try:
        return bool(key[Attribute.ALWAYS_AUTHENTICATE])
    except Exception:  # noqa: BLE001 - a module that does not know the attribute asks no PIN per use
        return False


def _can_sign(der: bytes) -> bool:
    from cryptography import x509  # with the first card, not with the login screen

    try:
        usage = x509.load_der_x509_certificate(der).extensions.get_extension_for_class(x509.KeyUsage).value
    except (ValueError, x509.ExtensionNotFound):
        return True  # no key usage: not restricted
    return bool(usage.digital_signature)
