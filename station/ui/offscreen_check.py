"""Qt's part of `station self-test` (station/commands/self_test.py): an application on the offscreen
platform in this process, one widget drawn into an image. It lives with the window's code because only
the window imports Qt; the self-test imports it when it runs."""

from __future__ import annotations

import os
import sys


def draw_offscreen() -> str:
    """Qt's version and platform once a widget has been painted offscreen; raises what Qt raised."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # this process only: the check must not need a display
    from PySide6 import __version__
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("Recueil")
    image = label.grab().toImage()
    if image.isNull():
        raise RuntimeError("Qt painted nothing")
    return f"{__version__}, {app.platformName()}"
