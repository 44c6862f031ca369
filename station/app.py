"""Runs the station window for a real session."""

from __future__ import annotations

import sys

from .config import Config


def run_gui(config: Config) -> int:
    from PySide6.QtWidgets import QApplication

    from . import context
    from .ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = context.build(config)
    ctx.notifications.install_excepthook()
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
