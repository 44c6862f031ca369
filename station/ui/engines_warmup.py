"""The biometric engines (OpenCV, face analysis, NBIS and the WSQ codec), loaded in the background once the
login screen is up.

The window's modules do not import them: loading them took most of the time to the login screen. They are
imported here instead, on a thread of their own while the agent inserts the card and types the PIN, so the
first capture finds them loaded as it did when the station imported them at start-up. Only the imports move
here; what the engines load on first use (the face models, the NFIQ 2 model) stays where it was, on the
analysis workers.
"""

from __future__ import annotations

import logging
from importlib import import_module

from devices.worker import assert_not_gui_thread

from .device_calls import Calls

log = logging.getLogger(__name__)

# What the station imported at start-up before, heaviest first so the most useful part is ready soonest.
ENGINES: tuple[str, ...] = (
    "cv2",
    "enrollment.face.quality",
    "enrollment.face.token",
    "enrollment.face.paper",
    "enrollment.face.renewal",
    "enrollment.fingerprint.impression",
    "enrollment.fingerprint.wsq_codec",
    "enrollment.fingerprint.nbis_engine",
)


def load_engines() -> tuple[str, ...]:
    """Import every engine module (blocking, seconds on a busy machine: never on the GUI thread)."""
    assert_not_gui_thread()
    for name in ENGINES:
        import_module(name)
    return ENGINES


def start(calls: Calls) -> None:
    """Load the engines on a background thread; a failure is only logged, since the step that needs an
    engine imports it again and reports the error to the agent there."""
    calls.spawn(load_engines, on_done=lambda names: log.info("engines loaded", extra={
        "event": "engines_loaded", "count": len(names)}), on_error=_failed)


def _failed(exc: BaseException) -> None:
    log.warning("engines not loaded in advance", extra={"event": "engines_warmup_failed",
                                                        "code": type(exc).__name__})
