"""A keyboard-wedge barcode reader in the window: its keys never reach the focused field, its code reaches
the step that waits for a scan, and a person's typing still reaches the field.

The keys are real key events through the application, timed by a clock the test steps: a reader types a key
every 4 ms, a person every 200 ms (QTest's own clicks have no gaps to measure)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from devstation import scenario
from tests.fixtures.station import PIN

VALID = "PD7K2M9TR4"  # seeded by the reference CERT


class SteppedClock:
    def __init__(self, step_s: float) -> None:
        self.now, self.step_s = 1000.0, step_s

    def __call__(self) -> float:
        self.now += self.step_s
        return self.now


def request_step(make_station, make_window, hw_mocks):
    window = make_window(make_station(devices={"barcode": "wedge"}))
    window.wedge.clock = SteppedClock(0.2)  # the agent types the PIN
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.new_button.click()
    return window, window.wizard.steps[0]


def test_a_scan_into_a_focused_field_stays_out_of_it_and_the_scan_button_gets_the_number(
        make_station, make_window, hw_mocks, qtbot):
    window, request = request_step(make_station, make_window, hw_mocks)
    field = request.pre_application
    field.setFocus()
    window.wedge.clock = SteppedClock(0.004)
    entered = []
    field.returnPressed.connect(lambda: entered.append(True))
    qtbot.keyClicks(field, VALID.lower())
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.wait(100)  # past the reader's gap: anything held would have been given back by now
    assert field.text() == "" and not entered
    request.scan_button.click()  # the code waits for the next read, as on a reader of any kind
    qtbot.waitUntil(lambda: "Pré-demande trouvée" in request.status.text(), timeout=15_000)
    assert field.text() == VALID


def test_a_person_typing_in_the_field_is_not_taken_for_a_reader(make_station, make_window, hw_mocks, qtbot):
    window, request = request_step(make_station, make_window, hw_mocks)
    field = request.pre_application
    field.setFocus()
    qtbot.keyClicks(field, VALID)
    qtbot.waitUntil(lambda: field.text() == VALID, timeout=5_000)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter alone is typing too: it starts the lookup
    qtbot.waitUntil(lambda: "Pré-demande trouvée" in request.status.text(), timeout=15_000)


def test_shortcut_keys_pass_at_once_and_after_the_keys_held_before_them(make_station, make_window, hw_mocks, qtbot):
    window, request = request_step(make_station, make_window, hw_mocks)
    field = request.pre_application
    window.wedge.clock = SteppedClock(0.004)
    qtbot.keyClicks(field, "PD7")  # held: could be the start of a scan
    qtbot.keyClick(field, Qt.Key.Key_Left)  # no reader types an arrow: what was held goes first
    qtbot.keyClicks(field, "X", delay=0)
    qtbot.waitUntil(lambda: field.text() == "PDX7", timeout=5_000)


def test_a_2d_doc_scan_keeps_its_group_separators(make_station, make_window, hw_mocks, qtbot):
    window, request = request_step(make_station, make_window, hw_mocks)
    field = request.pre_application
    window.wedge.clock = SteppedClock(0.004)
    qtbot.keyClicks(field, "DC04FR0000011")
    # GS, as readers type it and the platform reports it (QTest would leave the text out).
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_BracketRight,
                                            Qt.KeyboardModifier.ControlModifier, "\x1d"))
    qtbot.keyClicks(field, "20RUE")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == ""
    assert window.ctx.devices.barcode.call("read", 5.0).result(10).text == "DC04FR0000011\x1d20RUE"


def test_the_diagnostics_page_checks_the_reader_with_a_test_scan(make_station, make_window, qtbot):
    window = make_window(make_station(devices={"barcode": "wedge"}))
    page = window.diagnostics
    window.show_page(page)
    page.run()
    window.wedge.clock = SteppedClock(0.004)
    qtbot.keyClicks(page.report, "2501ABCD12")
    qtbot.keyClick(page.report, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "OK  barcode (wedge)" in page.report.toPlainText(), timeout=15_000)
    assert "Code de test lu : 10 caractère(s)." in page.report.toPlainText()
