"""What the agent does at the counter for two typical applications, counted: keys typed, clicks, codes
scanned and screens shown, through the real window with the simulated devices and the reference CERT.

- `adult_renewal`: an adult renews a passport, with an ANTS pre-application (its QR code scanned fills the
  civil status, address and contact) and an ePhoto code from a photo booth; the old passport's MRZ is read
  by the MRZ reader, its booklet scanned with the proof of address, the stamp's flashcode scanned.
- `minor_couplee_14`: a 14-year-old's first identity card and passport in one interview, without a
  pre-application: everything typed, the parent present (identity, link, ID document seen and scanned,
  the parent signs too), the photo taken by the camera, two fingers, the passport's stamp typed.

A choice in a list counts two clicks (open, pick), a date eight keys (its digits), a code read by a reader
one scan and no key. Screens are the pages and wizard steps shown, each time they are shown."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit

from cert.ephoto import seed_code
from cert.lookups.seed import FEE_STAMPS, PRE_APPLICATIONS
from enrollment.guardian import ParentalLink
from enrollment.model import DocumentKind, Reason, Sex, TitleType
from enrollment.nationality import NationalityBasis
from station.ui.main_window import MainWindow

from .scenario import ScenarioError, wait_until

Scan = Callable[[str], None]  # hands a code to the simulated barcode reader


@dataclass
class Effort:
    keystrokes: int = 0
    clicks: int = 0
    scans: int = 0
    screens: int = 0
    seconds: float = 0.0  # from "Nouvelle demande" to the dossier(s) queued
    _window: MainWindow | None = field(default=None, repr=False)

    def watch(self, window: MainWindow) -> None:
        self._window = window
        window.pages.currentChanged.connect(self._shown)
        window.wizard.stack.currentChanged.connect(self._step_shown)

    def unwatch(self) -> None:
        if self._window is not None:
            self._window.pages.currentChanged.disconnect(self._shown)
            self._window.wizard.stack.currentChanged.disconnect(self._step_shown)

    def _shown(self, _index: int) -> None:
        self.screens += 1

    def _step_shown(self, _index: int) -> None:
        # A step the agent sees: the wizard set back to its first step before it shows is not one.
        if self._window is not None and self._window.pages.currentWidget() is self._window.wizard:
            self.screens += 1

    # The agent's gestures -------------------------------------------------------------------------------

    def click(self, widget: QAbstractButton) -> None:
        self.clicks += 1
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def tick(self, box: QAbstractButton) -> None:
        self.clicks += 1
        box.setChecked(not box.isChecked())

    def choose(self, combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        if index < 0:
            raise ScenarioError(f"no {data!r} in the list")
        if index != combo.currentIndex():
            self.clicks += 2
            combo.setCurrentIndex(index)

    def type(self, widget: QLineEdit, text: str) -> None:
        """Typed key by key; a text Qt's test keyboard cannot type (accents) is set, its keys counted."""
        self.keystrokes += len(text)
        widget.setFocus()
        widget.clear()
        if text.isascii():
            QTest.keyClicks(widget, text)
        else:
            widget.setText(text)
        widget.editingFinished.emit()

    def date(self, widget: QDateEdit, day: date) -> None:
        self.keystrokes += 8
        widget.setDate(QDate(day))

    def scan(self, scan: Scan, code: str) -> None:
        self.scans += 1
        scan(code)


def _next(e: Effort, window: MainWindow) -> None:
    e.click(window.wizard.next_button)


def _start(e: Effort, window: MainWindow) -> float:
    e.click(window.home.new_button)
    wait_until(lambda: window.pages.currentWidget() is window.wizard, 5, "wizard")
    return time.perf_counter()


def _finish(e: Effort, window: MainWindow, started: float) -> None:
    wiz = window.wizard
    summary = wiz.steps[-1]
    wait_until(lambda: wiz.current_step is summary, 5, "summary")
    if summary.current_problems:
        raise ScenarioError("dossier incomplete: " + ", ".join(p.code for p in summary.current_problems))
    e.tick(summary.attest)
    e.click(wiz.submit_button)
    wait_until(lambda: window.pages.currentWidget() is window.transmissions, 60, "transmissions page")
    e.seconds = time.perf_counter() - started


def _fingers_and_signature(e: Effort, window: MainWindow, guardian_signs: bool) -> None:
    wiz = window.wizard
    fingers, signature = wiz.steps[4], wiz.steps[5]
    for _ in range(6):
        if fingers.plan_done:
            break
        wait_until(lambda: fingers.capture_button.isEnabled() or fingers.keep_button.isEnabled(), 20,
                   "fingerprint scanner ready")
        e.click(fingers.capture_button if fingers.capture_button.isEnabled() else fingers.keep_button)
        wait_until(lambda: not fingers.busy, 30, "fingerprint capture")
    _next(e, window)
    e.click(signature.capture_button)
    wait_until(lambda: signature.confirm_button.isEnabled(), 30, "signature")
    e.click(signature.confirm_button)
    if guardian_signs:
        e.click(signature.guardian_button)
        wait_until(lambda: wiz.dossier.guardian is not None and wiz.dossier.guardian.signature is not None, 30,
                   "the parent's signature")
    _next(e, window)


def _scan_documents(e: Effort, window: MainWindow, count: int) -> None:
    """The documents offered one after another, the first missing first: one click to scan each page, one
    to keep it once its preview is seen."""
    wiz = window.wizard
    documents = wiz.steps[6]
    for n in range(1, count + 1):
        e.click(documents.scan_button)
        wait_until(documents.keep_button.isEnabled, 30, f"page {n}'s preview")
        e.click(documents.keep_button)
        wait_until(lambda n=n: len(wiz.dossier.documents) == n, 30, f"document {n} scanned")
    _next(e, window)


def adult_renewal(window: MainWindow, e: Effort, scan: Scan, mrz: str) -> None:
    wiz = window.wizard
    started = _start(e, window)
    request, civil, _address, photo, *_ = wiz.steps
    e.click(request.scan_button)
    e.scan(scan, PRE_APPLICATIONS["valid"])
    wait_until(lambda: request.lookup_button.isEnabled() and request.appointments.text() != "", 30,
               "pre-application and appointments")
    e.choose(request.title_box, TitleType.PASSPORT)
    form = request.requests[0]
    e.choose(form.reason_box, Reason.RENEWAL)
    e.scans += 1  # the old passport's MRZ, read by the MRZ reader into the number field
    form.previous_number.setText(mrz)
    form.previous_number.editingFinished.emit()
    e.date(form.previous_issued, date(2017, 3, 20))
    e.type(form.previous_authority, "Préfecture de la Côte-d'Or")
    _next(e, window)
    e.choose(civil.nationality, NationalityBasis.PREVIOUS_TITLE)
    _next(e, window)
    _next(e, window)  # the address and contact came with the pre-application
    e.type(photo.ephoto_code, seed_code("valid-0"))
    e.click(photo.ephoto_button)
    wait_until(lambda: wiz.dossier.photo is not None, 30, "the ePhoto checked and kept")
    _next(e, window)
    _fingers_and_signature(e, window, guardian_signs=False)
    _scan_documents(e, window, 2)  # proof of address, the old passport
    fee = wiz.steps[7]
    e.click(fee.scan_button)
    e.scan(scan, FEE_STAMPS["valid_86"])
    wait_until(lambda: wiz.dossier.requests[0].stamp_check.status.value == "valide", 30, "the stamp checked")
    _next(e, window)
    _finish(e, window, started)


MINOR_BIRTH = date(2012, 3, 2)  # a birth the reference CERT's COMEDEC knows (cert/lookups/seed.py): 14 in 2026


def minor_couplee_14(window: MainWindow, e: Effort, stamp: str = FEE_STAMPS["valid_86"],
                     birth: date = MINOR_BIRTH) -> None:
    wiz = window.wizard
    started = _start(e, window)
    request, civil, address, photo, *_ = wiz.steps
    e.choose(request.title_box, TitleType.PASSPORT)
    e.tick(request.coupled)  # the identity card too
    _next(e, window)
    e.type(civil.surname, "MARTIN")
    e.type(civil.given_names, "Lucas Pierre")
    e.choose(civil.sex, Sex.MALE)
    e.date(civil.birth_date, birth)
    e.type(civil.birth_place, "Dijon")
    e.choose(civil.nationality, NationalityBasis.BORN_IN_FRANCE_PARENT_BORN_IN_FRANCE)
    g = civil.guardian
    e.type(g.surname, "MARTIN")
    e.type(g.given_names, "Claire")
    e.choose(g.link, ParentalLink.MOTHER)
    e.type(g.id_document, "CNI X4RTBPFW4")
    _next(e, window)
    e.type(address.line1, "12 rue des Tanneurs")
    e.type(address.postcode, "21000")
    e.type(address.city, "Dijon")
    e.type(address.phone, "0612345678")
    e.type(address.email, "claire.demo@example.org")
    _next(e, window)
    wait_until(lambda: photo.has_frame, 15, "camera preview")
    wait_until(lambda: wiz.dossier.photo is not None, 30, "automatic capture")
    _next(e, window)
    _fingers_and_signature(e, window, guardian_signs=True)
    documents = wiz.steps[6]
    if documents.kind.currentData() != DocumentKind.PROOF_OF_ADDRESS:
        raise ScenarioError("the proof of address is not offered first")
    _scan_documents(e, window, 2)  # proof of address, the parent's ID
    fee = wiz.steps[7]
    e.type(fee.stamp, stamp)  # the passport's; a first identity card is free
    wait_until(lambda: wiz.dossier.requests[0].stamp_check.status.value == "valide", 30, "the stamp checked")
    _next(e, window)
    _finish(e, window, started)


def start_counting(window: MainWindow) -> Effort:
    e = Effort()
    e.watch(window)
    return e


__all__ = ["Effort", "adult_renewal", "minor_couplee_14", "start_counting"]
