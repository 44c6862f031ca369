"""The applicant's signing window, when the station's signature pad is the system's pen tablet.

A window of its own, apart from the agent's: full screen on a second screen when the station has one (a pen
display turned to the applicant), else a separate window kept above the agent's. It shows only while the
tablet driver (devices/signature_pad/tablet.py) captures or runs its pen test: the signing box, the ink,
Valider / Effacer / Annuler. It never waits on the pad: it hands the pen's events and the buttons to the
driver, whose `capture` waits for them on the pad's worker; the driver tells it when to show, hide or wipe
through an argument-less signal (emitted from the worker, so Qt runs the slot on the GUI thread), and the
slot reads the driver's state.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from devices.signature_pad import SignaturePad, TabletSignaturePad, TabletState, TabletSurface
from devices.signature_pad.tablet import CAPTURE, IDLE

from ..strings import label, message
from .style import STYLESHEET
from .tablet_surface import SigningSurface
from .widgets import button

# The signing surface, in millimetres of the screen: a little larger than the USB pad's box (92 × 39 mm),
# as a hand signs on glass less tightly than on paper; the box drawn inside leaves a margin where ink is
# still recorded (and judged by the "inside the box" check).
SURFACE_MM = (160.0, 64.0)
BOX_MARGIN_MM = 8.0
# Room around the surface on a small screen: the prompt above it, the buttons below.
CHROME_PX = QSize(48, 180)
# A screen whose reported density is outside this (px/mm) reports none: Qt's logical 96 dpi is used.
PLAUSIBLE_PX_PER_MM = (1.5, 40.0)


def applicant_screen(screens: Sequence[QScreen], agent: QScreen | None) -> QScreen | None:
    """The screen turned to the applicant: the first one the agent's window is not on, if any."""
    return next((s for s in screens if s is not agent), None) if len(screens) > 1 else None


def px_per_mm(screen: QScreen) -> float:
    """Device-independent pixels per millimetre (Qt's physical dpi is in device-independent pixels)."""
    low, high = PLAUSIBLE_PX_PER_MM
    density = screen.physicalDotsPerInch() / 25.4
    return density if low <= density <= high else screen.logicalDotsPerInch() / 25.4


class TabletWindow(QWidget):
    _changed = Signal()  # from whichever thread changed the driver's state

    def __init__(self, pad: TabletSignaturePad, parent: QWidget | None = None) -> None:
        flags = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus
        super().__init__(parent, flags)
        self.pad = pad
        self.setObjectName("tabletWindow")
        self.setWindowTitle(label("tablet.title"))
        self.setStyleSheet(STYLESHEET)
        agent = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        self.second_screen = applicant_screen(QGuiApplication.screens(), agent)
        self.target = self.second_screen or agent
        density = px_per_mm(self.target)
        size, box = _layout(density, self.target.availableGeometry().size())
        self.prompt = QLabel()
        self.prompt.setObjectName("pageTitle")
        self.refusal = QLabel(message("tablet.pen_only"))
        self.refusal.setObjectName("problem")
        self.refusal.setVisible(False)
        self.surface = SigningSurface(size, box, pad.deliver, pad.accepts)
        self.surface.refused.connect(lambda: self.refusal.setVisible(True))
        self.validate_button = button(label("tablet.validate"), primary=True)
        self.validate_button.clicked.connect(pad.validated)
        self.clear_button = button(label("tablet.clear"))
        self.clear_button.clicked.connect(pad.clear)
        self.cancel_button = button(label("tablet.cancel"))
        self.cancel_button.clicked.connect(pad.cancel)
        for b in (self.validate_button, self.clear_button, self.cancel_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the agent's keyboard stays in the agent's window
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        row.addWidget(self.validate_button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.prompt, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.refusal, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.surface, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(row)
        outer.addStretch(1)
        self._seen = TabletState()
        self._changed.connect(self._sync)
        pad.attach(TabletSurface(size.width(), size.height(), (box.left(), box.top(), box.right(), box.bottom()),
                                 density, self.target.name()), self._changed.emit)

    @Slot()
    def _sync(self) -> None:
        state = self.pad.state()
        if state.mode == IDLE:
            self.hide()
        elif state.session != self._seen.session:
            self._open(state)
        elif state.clears > self._seen.clears:
            self.surface.wipe()
            self.refusal.setVisible(False)
        self._seen = state

    def _open(self, state: TabletState) -> None:
        """A new capture or pen test: a blank surface, its prompt, and the window in front of the applicant."""
        self.surface.wipe()
        self.refusal.setVisible(False)
        capture = state.mode == CAPTURE
        self.prompt.setText(message("tablet.prompt" if capture else "tablet.test_prompt"))
        self.validate_button.setVisible(capture)
        self.clear_button.setVisible(capture)
        if self.second_screen is not None:
            self.setScreen(self.second_screen)
            self.setGeometry(self.second_screen.geometry())
            self.showFullScreen()
        else:
            self.adjustSize()
            area = self.target.availableGeometry()
            # Low on the screen, centred: apart from the agent's form, within the applicant's reach.
            self.move(area.center().x() - self.width() // 2, area.bottom() - self.height() - 24)
            self.show()
        self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # Closed from its title bar while the applicant signs: as Annuler, or the agent would wait for the
        # capture's timeout with no window left to sign in.
        self.pad.cancel()
        super().closeEvent(event)

    def remove(self) -> None:
        """The station's window closes: the pad forgets this window (a capture in progress is cancelled)."""
        self.pad.detach()
        self.close()


def _layout(density: float, available: QSize) -> tuple[QSize, QRectF]:
    """The surface's size and its signing box in pixels, shrunk to fit a small screen (the pad's units
    follow the pixels actually drawn, so the record stays true to the millimetre)."""
    width, height = SURFACE_MM[0] * density, SURFACE_MM[1] * density
    fit = min(1.0, (available.width() - CHROME_PX.width()) / width, (available.height() - CHROME_PX.height()) / height)
    size = QSize(round(width * fit), round(height * fit))
    margin = BOX_MARGIN_MM * density * fit
    return size, QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin)


def install(pad: SignaturePad, parent: QWidget) -> TabletWindow | None:
    """The applicant's window when the station's pad is the system's tablet (else None); it lives as long as
    `parent`, and stays hidden until the pad captures."""
    if not isinstance(pad, TabletSignaturePad):
        return None
    return TabletWindow(pad, parent)
