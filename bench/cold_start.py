"""Child process of the cold-start benchmark: open the station up to its login screen as `station` does
(station/app.py), print the time; then wait for the biometric engines the window loads in the background
(station/ui/engines_warmup.py), print the time."""

import os
import sys
import time


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        """The login screen counts as reached once Qt has painted it, not when show() returns."""

        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    from station import config
    from station.app import open_window
    from station.ui import engines_warmup

    app, ctx, window = open_window(config.load(config.resolve_path(sys.argv[1])), start_outbox=False)
    painted = PaintWatch()
    window.login.installEventFilter(painted)
    while not (window.pages.currentWidget() is window.login and painted.seen):
        app.processEvents()
    print(time.time(), flush=True)
    deadline = time.monotonic() + 60
    while not all(name in sys.modules for name in engines_warmup.ENGINES) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    print(time.time(), flush=True)
    window.close()
    ctx.close()


if __name__ == "__main__":
    main()
