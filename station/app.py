"""Runs the station window for a real session."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .context import StationContext
    from .ui.main_window import MainWindow


def open_window(config: Config, start_outbox: bool = True) -> tuple[QApplication, StationContext, MainWindow]:
    """The window on its login screen, shown; the store and the outbox open just after its first frames
    (station/context.py), and `MainWindow.open_failed` says when they cannot."""
    from PySide6.QtWidgets import QApplication

    from . import context
    from .ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = context.open_for_login(config, start_outbox)
    window = MainWindow(ctx)
    window.show()
    return app, ctx, window  # type: ignore[return-value]


def run_gui(config: Config) -> int:
    """Until the window closes; a StoreError when the store cannot be opened (the window then closes: the
    technician reads why in the terminal and the log, as when nothing opened at all)."""
    app, ctx, window = open_window(config)
    failures: list[BaseException] = []

    def failed(exc: BaseException) -> None:
        failures.append(exc)
        app.exit(2)

    window.open_failed.connect(failed)
    restore_hooks = ctx.notifications.install_excepthook()
    try:
        code = app.exec()
    finally:
        window.close()
        restore_hooks()
        ctx.close()
    if failures:
        raise failures[0]
    return code
