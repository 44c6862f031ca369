"""The agent card's PKCS#11 module (OpenSC's, or the card vendor's), loaded once per process and called
one call at a time, with a deadline; and what each PKCS#11 error means to the agent.

python-pkcs11 initialises the module with C_Initialize(NULL), which lets the module assume it is never
entered by two threads at once: every call here takes one process-wide lock. python-pkcs11 releases the GIL
inside the module, so a card that computes slowly, or hangs, never freezes the window; a call still running
after `timeout_s` is left to finish on its own thread and the caller gets "card.timeout" (the next calls
wait for the lock, and time out too, until the card answers or is pulled out).
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pkcs11
from pkcs11 import exceptions as ckr

from devices.errors import DeviceError
from devices.smartcard.card_errors import error

log = logging.getLogger(__name__)

T = TypeVar("T")

def _default_module() -> str:
    """OpenSC's module where the platform's package puts it (Debian's multiarch folder first)."""
    if sys.platform == "win32":
        return "opensc-pkcs11.dll"
    if sys.platform == "darwin":
        return "/Library/OpenSC/lib/opensc-pkcs11.so"
    triplet = f"{platform.machine()}-linux-gnu"
    candidates = [f"/usr/lib/{triplet}/opensc-pkcs11.so", "/usr/lib64/opensc-pkcs11.so", "/usr/lib/opensc-pkcs11.so"]
    return next((c for c in candidates if os.path.exists(c)), candidates[0])


DEFAULT_MODULE = _default_module()

_LOCK = threading.Lock()  # the module is entered by one thread at a time (see above)

_REMOVED = (ckr.DeviceRemoved, ckr.TokenNotPresent, ckr.SessionHandleInvalid, ckr.SessionClosed)


def load(path: str, timeout_s: float) -> Any:
    """The loaded module at `path` (loaded once per process; python-pkcs11 keeps it)."""
    try:
        return guarded(lambda: pkcs11.lib(path), timeout_s)
    except DeviceError:
        raise
    except (OSError, RuntimeError, ckr.PKCS11Error) as exc:
        log.warning("PKCS#11 module %s not loaded: %s", path, type(exc).__name__)
        raise error("card.no_module", module=path) from exc


def guarded(call: Callable[[], T], timeout_s: float) -> T:
    """Run `call` under the module lock on a thread of its own; "card.timeout" after `timeout_s`."""
    box: dict[str, Any] = {}
    finished = threading.Event()

    def run() -> None:
        with _LOCK:
            try:
                box["result"] = call()
            except BaseException as exc:  # noqa: BLE001 - handed back to the waiting caller
                box["error"] = exc
        finished.set()

    threading.Thread(target=run, name="pkcs11-call", daemon=True).start()
    if not finished.wait(timeout_s):
        log.warning("PKCS#11 call unanswered after %.1f s", timeout_s)
        raise error("card.timeout")
    if "error" in box:
        raise box["error"]
    return box["result"]


def card_error(exc: Exception, *, in_session: bool) -> DeviceError:
    """The DeviceError an exception of the PKCS#11 module means. `in_session`: a card session was open."""
    if isinstance(exc, DeviceError):
        return exc
    if isinstance(exc, _REMOVED):
        return error("card.removed" if in_session else "card.absent")
    if isinstance(exc, ckr.TokenNotRecognised):
        return error("card.unknown")
    if isinstance(exc, ckr.PinLocked):
        return error("card.pin_blocked")
    if isinstance(exc, (ckr.PinLenRange, ckr.PinInvalid)):
        return error("card.pin_format")
    if isinstance(exc, ckr.UserNotLoggedIn):
        return error("card.security_status")
    if isinstance(exc, ckr.SlotIDInvalid):
        return error("card.no_reader")
    if isinstance(exc, ckr.FunctionCancelled):
        return error("card.timeout")
    # Anything else is between the module and the card (CKR_DEVICE_ERROR, CKR_FUNCTION_FAILED...): the
    # agent cannot fix it; its name goes to the technician.
    return error("card.middleware", reason=type(exc).__name__)
