"""The scripted enrollment that the demo plays offscreen and the end-to-end test drives: an agent
logs in with the card and PIN, enrolls one applicant through every step with the simulated devices, and
validates. It clicks and types like an agent; it never reaches behind the widgets."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cert.lookups.seed import FEE_STAMPS
from enrollment.nationality import NationalityBasis
from enrollment.store import DeliveryKind, DeliveryState
from station.ui.main_window import MainWindow


@dataclass(frozen=True)
class Applicant:
    """A fictitious applicant (the demo and tests never use real people's data)."""

    surname: str = "DUPONT-DEMO"
    # The virtual camera's default subject is a man: the demo dossier matches its photo.
    given_names: str = "Jean Marc"
    sex_index: int = 2  # "Masculin"
    birth_date: date = date(1988, 5, 14)
    birth_place: str = "Dijon"
    line1: str = "12 rue des Tanneurs"
    postcode: str = "21000"
    city: str = "Dijon"
    phone: str = "0612345678"
    email: str = "jean.demo@example.org"
    pre_application: str = "PD7K2M9TR4"  # seeded at the reference CERT (cert/lookups/seed.py)
    nationality: NationalityBasis = NationalityBasis.BORN_IN_FRANCE_PARENT_BORN_IN_FRANCE
    coupled: bool = False  # a passport and, in the same interview, an identity card
    fee_stamp: str = FEE_STAMPS["valid_86"]  # the passport's: a stamp the reference CERT sold, unused


class ScenarioError(RuntimeError):
    pass


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    # Sleep in Python, not in QTest.qWait: PySide's qWait keeps the GIL for its whole wait, which starved
    # every other thread of the process (the card's PKCS#11 calls, the in-process simulators) and made
    # a log-in look three times slower than the station is.
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise ScenarioError(f"timed out waiting for: {what}")
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.02)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.clear()
    QTest.keyClicks(widget, text)


Shot = Callable[[str], None]


def login(window: MainWindow, insert_card: Callable[[], None], pin: str, shot: Shot) -> None:
    page = window.login
    shot("01-connexion-inserer-carte")
    insert_card()
    wait_until(lambda: page.pin.isEnabled(), 10, "card detected")
    type_into(page.pin, pin)
    shot("02-connexion-code-pin")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_until(lambda: window.pages.currentWidget() is window.home, 15, "home page after login")
    shot("03-accueil")


def enroll(window: MainWindow, a: Applicant, scan_barcode: Callable[[str], None], shot: Shot,
           load_feeder: Callable[[int], None] | None = None) -> str:
    """Runs the wizard from "Nouvelle demande" to "Valider et transmettre"; returns the dossier id. With
    `load_feeder`, the proof of address is a two-page bill put in the scanner's feeder and scanned in one go;
    without, one page laid on the glass."""
    click(window.home.new_button)
    wiz = window.wizard
    wait_until(lambda: window.pages.currentWidget() is wiz, 5, "wizard")
    request, civil, address, photo, fingers, signature, documents, fee, summary = wiz.steps
    dossier_id = wiz.dossier.id

    request.title_box.setCurrentIndex(request.title_box.findText("Passeport"))
    request.coupled.setChecked(a.coupled)  # the second request is the other title: the identity card
    click(request.scan_button)
    scan_barcode(a.pre_application)
    wait_until(lambda: request.pre_application.text() == a.pre_application, 15, "pre-application QR code")
    # Found (fields pre-filled) or not (CERT unreachable: the agent types everything): either way, go on.
    wait_until(lambda: request.lookup_button.isEnabled(), 30, "pre-application lookup")
    wait_until(lambda: request.appointments.text() != "", 30, "the appointment platform's answer")
    shot("04-demande")
    click(wiz.next_button)

    type_into(civil.surname, a.surname)
    type_into(civil.given_names, a.given_names)
    civil.sex.setCurrentIndex(a.sex_index)
    civil.birth_date.setDate(QDate(a.birth_date))
    type_into(civil.birth_place, a.birth_place)
    civil.nationality.setCurrentIndex(civil.nationality.findData(a.nationality))
    shot("05-etat-civil")
    click(wiz.next_button)

    type_into(address.line1, a.line1)
    address.postcode.setFocus()
    address.postcode.setCursorPosition(0)
    QTest.keyClicks(address.postcode, a.postcode)
    type_into(address.city, a.city)
    type_into(address.phone, a.phone)
    type_into(address.email, a.email)
    shot("06-adresse")
    click(wiz.next_button)

    wait_until(lambda: photo.has_frame, 15, "camera preview")
    # The photo step captures by itself once every check holds for a few frames (face quality).
    try:
        wait_until(lambda: wiz.dossier.photo is not None, 20, "automatic capture")
    except ScenarioError:
        # The scene fails a check: the agent captures, then accepts the photo with a recorded reason.
        click(photo.capture_button)
        wait_until(lambda: photo.pending is not None or wiz.dossier.photo is not None, 15, "photo checked")
        if wiz.dossier.photo is None:
            click(photo.override_button)
            reasons = photo.override_panel.reason
            reasons.setCurrentIndex(reasons.count() - 2)  # "Photo conforme à l'examen de l'agent"
            click(photo.override_panel.confirm_button)
    wait_until(lambda: wiz.dossier.photo is not None, 5, "photo taken")
    shot("07-photo")
    click(wiz.next_button)

    for _ in range(6):  # the plan asks for one finger at a time; a good try is kept at once
        if fingers.plan_done:
            break
        wait_until(lambda: fingers.capture_button.isEnabled() or fingers.keep_button.isEnabled(), 20,
                   "fingerprint scanner ready")
        click(fingers.capture_button if fingers.capture_button.isEnabled() else fingers.keep_button)
        wait_until(lambda: not fingers.busy, 30, "fingerprint capture and quality")
    wait_until(lambda: sum(f.captured for f in wiz.dossier.fingerprints) == 2, 5, "two fingerprints")
    shot("08-empreintes")
    click(wiz.next_button)

    # The applicant signs on the USB pad (hw-mocks' emulated pad signs by itself and taps OK); the agent
    # watches the strokes arrive, then validates.
    click(signature.capture_button)
    wait_until(lambda: signature.confirm_button.isEnabled(), 30, "signature signed and checked")
    shot("09-signature")
    click(signature.confirm_button)
    wait_until(lambda: wiz.dossier.signature is not None, 5, "signature recorded")
    click(wiz.next_button)

    pages = 2 if load_feeder is not None else 1
    if load_feeder is not None:
        load_feeder(pages)
        click(documents.feeder_button)
    else:
        click(documents.scan_button)
    wait_until(documents.keep_button.isEnabled, 30, "the scanned pages' preview")
    shot("10-justificatifs-apercu")
    click(documents.keep_button)
    wait_until(lambda: len(wiz.dossier.documents) == pages, 30, "proof of address scanned")
    wait_until(lambda: bool(wiz.dossier.documents[0].twoddoc), 30, "its 2D-Doc looked for")
    shot("10-justificatifs")
    click(wiz.next_button)

    fee.stamp.setFocus()  # the passport's (the identity card of a first request is free)
    fee.stamp.setCursorPosition(0)
    QTest.keyClicks(fee.stamp, a.fee_stamp)
    fee.stamp.editingFinished.emit()  # checked online at once (the next step would do it too)
    wait_until(lambda: wiz.dossier.requests[0].stamp_check.status.value != "non_verifie", 20, "fee stamp checked")
    shot("11-timbre")
    click(wiz.next_button)

    wait_until(lambda: wiz.current_step is summary, 5, "summary")
    if summary.current_problems:
        shot("12-recapitulatif-incomplet")
        raise ScenarioError("dossier incomplete: " + ", ".join(p.code for p in summary.current_problems))
    summary.attest.setChecked(True)  # the summary read back, the applicant attests on honour
    shot("12-recapitulatif")
    click(wiz.submit_button)
    wait_until(lambda: window.pages.currentWidget() is window.transmissions, 30, "transmissions page")
    return dossier_id


def receive_envelope(window: MainWindow, scan: Callable[[], None], barcode: str, shot: Shot) -> None:
    """From the home page: Réception des titres, the envelope scanned, registered with its SMS."""
    click(window.home.reception_button)
    page = window.reception
    wait_until(lambda: window.pages.currentWidget() is page, 5, "reception page")
    scan()
    def registered() -> bool:
        done = window.ctx.store.deliveries.find(DeliveryKind.ENVELOPE, barcode)
        page.refresh()
        return done is not None and done.state is DeliveryState.DONE

    wait_until(registered, 30, "envelope registered")
    shot("16-reception-titres")
    click(page.home_button)


def list_waiting_titles(window: MainWindow, number: str, shot: Shot) -> None:
    """From the home page: Titres en attente, the received title listed."""
    click(window.home.titles_button)
    page = window.titles
    wait_until(lambda: any(number in page.table.item(r, 1).text() for r in range(page.table.rowCount())), 30,
               "title in the waiting list")
    shot("17-titres-en-attente")
    click(page.home_button)


def hand_over(window: MainWindow, barcode: str, present_later_impression: Callable[[], None], shot: Shot) -> None:
    """From the home page: Remise d'un titre, the envelope scanned, the fingers verified, the face compared,
    the holder's signature, the title handed over and acknowledged by the CERT."""
    click(window.home.handover_button)
    page = window.handover
    wait_until(lambda: window.pages.currentWidget() is page, 5, "hand-over page")
    type_into(page.search, barcode)
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    wait_until(lambda: page.flow is not None, 30, "holder found at the CERT")
    flow = page.flow
    assert flow is not None
    if flow.fingerprint_check:
        present_later_impression()
        click(page.fingers_button)
        wait_until(lambda: flow.verification is not None, 60, "fingers compared")
        if not flow.matched:
            raise ScenarioError(f"the holder's fingers did not match: {page.status.text()}")
    page.face_checked.setChecked(True)
    if flow.signs:
        click(page.sign_button)
    wait_until(lambda: page.handover_button.isEnabled(), 60, "hand-over ready")
    shot("18-remise-titre")
    number = flow.holder.number
    click(page.handover_button)

    def acknowledged() -> bool:
        done = window.ctx.store.deliveries.find(DeliveryKind.HANDOVER, number)
        return done is not None and done.state is DeliveryState.DONE

    wait_until(acknowledged, 60, "hand-over acknowledged by the CERT")
    shot("19-remise-enregistree")
    click(page.home_button)
