"""The login screen comes up without the biometric engines; they load afterwards, off the GUI thread.

Each case runs a fresh interpreter: the test process has long imported OpenCV and NBIS."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from installer.station_config import write_station
from tests.fixtures.station import station_setup

REPO_ROOT = Path(__file__).resolve().parents[2]
# The login screen waits for every import on its way: the engines and numpy (their arrays) come after it.
ENGINE_MODULES = ("cv2", "face_recognition", "dlib", "nbis", "numpy")

# Records, for every engine module, whether the thread that imported it was the GUI (main) thread.
CHILD = """
import json, os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
WATCHED = set(json.loads(sys.argv[2]))
imported_on_gui = {}

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in WATCHED and name not in imported_on_gui:
            imported_on_gui[name] = threading.current_thread() is threading.main_thread()
        return None

sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QDeadlineTimer
from PySide6.QtWidgets import QApplication
from station import config, context
from station.ui import engines_warmup
from station.ui.main_window import MainWindow

app = QApplication(sys.argv[:1])
ctx = context.build(config.load(config.resolve_path(sys.argv[1])), start_outbox=False)
window = MainWindow(ctx)
window.show()
app.processEvents()
report = {"login_shown": window.pages.currentWidget() is window.login,
          "loaded_with_window": sorted(m for m in WATCHED if m in sys.modules)}
if sys.argv[3] == "wait":
    deadline = QDeadlineTimer(60_000)
    while not all(m in sys.modules for m in engines_warmup.ENGINES) and not deadline.hasExpired():
        app.processEvents()
    report["imported_on_gui"] = imported_on_gui
    report["engines_loaded"] = all(m in sys.modules for m in engines_warmup.ENGINES)
window.close()
ctx.close()
print(json.dumps(report))
"""


def run_child(pki, cert_service, hw_mocks, tmp_path: Path, mode: str) -> dict:
    toml = write_station(station_setup(pki, cert_service.url, hw_mocks, tmp_path / "station"),
                         tmp_path / "station.toml")
    done = subprocess.run([sys.executable, "-c", CHILD, str(toml), json.dumps(ENGINE_MODULES), mode],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_login_screen_is_built_without_the_biometric_engines(pki, cert_service, hw_mocks, tmp_path):
    report = run_child(pki, cert_service, hw_mocks, tmp_path, "now")
    assert report["login_shown"]
    assert report["loaded_with_window"] == []


def test_the_engines_load_after_the_login_screen_and_off_the_gui_thread(pki, cert_service, hw_mocks, tmp_path):
    report = run_child(pki, cert_service, hw_mocks, tmp_path, "wait")
    assert report["loaded_with_window"] == []
    assert report["engines_loaded"]
    # OpenCV and NBIS are what the warm-up imports; dlib and face_recognition load with the face models,
    # on the photo step's analysis worker, as before.
    assert report["imported_on_gui"].keys() >= {"cv2", "nbis"}
    assert not any(report["imported_on_gui"].values()), report["imported_on_gui"]
