"""One place that turns errors into what the agent sees (napari's notification manager, in small).

Known errors carry their own French message; anything else is logged by type and location only and shown
as a generic message, because an unexpected exception's text may quote personal data."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from devices.errors import DeviceError
from enrollment.errors import EnrollmentError
from sync.errors import SyncError

from ..errors import StationError
from ..strings import message

log = logging.getLogger(__name__)


def agent_message(error: BaseException) -> str:
    if isinstance(error, (StationError, DeviceError, EnrollmentError, SyncError)):
        return error.message
    return message("error.unexpected")


class Notifications(QObject):
    """Widgets subscribe to `shown(level, text)`; a banner in the main window displays it."""

    shown = Signal(str, str)  # level ("info", "warning", "error"), French text

    def info(self, text: str) -> None:
        self.shown.emit("info", text)

    def warning(self, text: str) -> None:
        self.shown.emit("warning", text)

    def error(self, error: BaseException, context: str = "") -> None:
        known = isinstance(error, (StationError, DeviceError, EnrollmentError, SyncError))
        log.warning(
            "operation failed",
            exc_info=(type(error), error, error.__traceback__),
            extra={"event": "error", "code": getattr(error, "code", type(error).__name__), "screen": context},
        )
        self.shown.emit("error" if not known else "warning", agent_message(error))

    def install_excepthook(self) -> Callable[[], None]:
        """Route unhandled exceptions (GUI thread and others) to the log and the banner; returns what puts
        the previous hooks back, for when the window is gone."""
        previous = sys.excepthook, threading.excepthook

        def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            log.error("unhandled exception", exc_info=(etype, value, tb), extra={"event": "crash"})
            self.shown.emit("error", message("error.unexpected"))

        sys.excepthook = hook
        threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)

        def restore() -> None:
            sys.excepthook, threading.excepthook = previous

        return restore
