"""Child process of the cold-start benchmark: open the station up to its login screen, print the time; then
wait for the biometric engines the window loads in the background (station/ui/engines_warmup.py), print the time."""

import os
import sys
import time


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from station import config, context
    from station.ui import engines_warmup
    from station.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    ctx = context.build(config.load(config.resolve_path(sys.argv[1])), start_outbox=False)
    window = MainWindow(ctx)
    window.show()
    while not (window.isVisible() and window.pages.currentWidget() is window.login):
        app.processEvents()
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
