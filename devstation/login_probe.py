"""Opening the station's window up to its login screen as `station` does (station/app.py), for the cold-start
figures: from the source tree (bench/cold_start.py) and from the packaged demo variant
(devstation/packaged_demo.py `login-probe`). Qt is imported only when the window opens, so the time measured
from the process's start includes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from station.config import Config


def open_to_painted_login(cfg: Config) -> tuple[Any, Any, Any]:
    """(app, context, window) once the login screen has been painted, not merely shown."""
    from PySide6.QtCore import QEvent, QObject

    from station.app import open_window

    class PaintWatch(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    app, ctx, window = open_window(cfg, start_outbox=False)
    painted = PaintWatch()
    window.login.installEventFilter(painted)
    while not (window.pages.currentWidget() is window.login and painted.seen):
        app.processEvents()
    return app, ctx, window
