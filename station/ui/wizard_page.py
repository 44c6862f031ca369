"""The new-application wizard: one step per part of the dossier, saved as a draft at every move."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from enrollment import workflow
from enrollment.errors import EnrollmentError
from enrollment.model import DocumentKind, Dossier, TitleType
from enrollment.request import REPLACING
from enrollment.validation import ATTESTATION

from .. import pre_application
from ..context import StationContext
from ..strings import label, message
from .card_pin_prompt import retried_with_pin
from .notifications import agent_message
from .receipt_print import print_rendered_later
from .steps.address_step import AddressStep
from .steps.base import Step
from .steps.civil_step import CivilStep
from .steps.documents import DocumentsStep
from .steps.fee import FeeStep
from .steps.fingerprints import FingerprintStep
from .steps.photo import PhotoStep
from .steps.request_step import RequestStep
from .steps.signature import SignatureStep
from .steps.summary import SummaryStep
from .widgets import button

log = logging.getLogger(__name__)

STEP_CLASSES: tuple[type[Step], ...] = (
    RequestStep, CivilStep, AddressStep, PhotoStep, FingerprintStep, SignatureStep, DocumentsStep, FeeStep,
    SummaryStep,
)


class WizardPage(QWidget):
    home_requested = Signal()
    submitted = Signal(str)  # dossier id

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier: Dossier | None = None
        self.steps: list[Step] = [cls(ctx) for cls in STEP_CLASSES]
        self.step_list = QListWidget()
        self.step_list.setObjectName("steps")
        self.step_list.setFixedWidth(220)
        self.stack = QStackedWidget()
        for s in self.steps:
            self.step_list.addItem(label(f"step.{s.key}"))
            self.stack.addWidget(s)
        self.step_list.currentRowChanged.connect(self.go_to)
        self.steps[0].found.connect(self._prefill)
        next(s for s in self.steps if isinstance(s, DocumentsStep)).previous_title_read.connect(self._previous_title)
        for form in getattr(self.steps[0], "requests", []):
            form.read_scan.connect(lambda form=form: self._read_scanned_title(form))

        self.home_button = button(label("wizard.home"))
        self.home_button.clicked.connect(self.leave)
        self.save_button = button(label("wizard.save"))
        self.save_button.clicked.connect(self.save_draft)
        self.previous_button = button(label("wizard.previous"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button = button(label("wizard.next"), primary=True)
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        self.submit_button = button(label("wizard.submit"), primary=True)
        self.submit_button.clicked.connect(self.submit)

        bar = QHBoxLayout()
        bar.addWidget(self.home_button)
        bar.addWidget(self.save_button)
        bar.addStretch(1)
        for b in (self.previous_button, self.next_button, self.submit_button):
            bar.addWidget(b)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addLayout(bar)
        box = QHBoxLayout(self)
        box.addWidget(self.step_list)
        box.addLayout(right, 1)

        # Keyboard: Page Down / Page Up move between steps; Ctrl+Enter goes on (or validates at the end).
        QShortcut(QKeySequence(QKeySequence.StandardKey.MoveToNextPage), self, self.next_button.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage), self, self.previous_button.click)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._forward)

    @property
    def current_step(self) -> Step:
        return self.steps[self.stack.currentIndex()]

    def open(self, dossier: Dossier) -> None:
        self.dossier = dossier
        for s in self.steps:
            s.load(dossier)
            s.show_problems([])
        self.stack.setCurrentIndex(0)
        self.go_to(0, save=False)

    def go_to(self, index: int, save: bool = True) -> None:
        if not 0 <= index < len(self.steps) or self.dossier is None:
            return
        if save:
            self.current_step.save(self.dossier)
            self.save_draft(quiet=True)
        self.current_step.left()
        self.stack.setCurrentIndex(index)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(False)
        last = index == len(self.steps) - 1
        self.previous_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.submit_button.setVisible(last)
        self.current_step.entered()
        (self.submit_button if last else self.next_button).setDefault(True)
        self.current_step.setFocus()
        self.current_step.focusNextChild()

    def _prefill(self, pre) -> None:
        """The pre-application came back: what is on screen is saved first, so it counts as typed and the
        pre-application fills only what is still empty."""
        if self.dossier is None:
            return
        self.current_step.save(self.dossier)
        filled = pre_application.prefill(self.dossier, pre)
        for s in self.steps:
            s.load(self.dossier)
        self.save_draft(quiet=True)
        self.steps[0].show_prefilled(filled)

    def _previous_title(self, title, for_title: TitleType | None) -> None:
        """A previous title read on its scan fills the request it was scanned for in a couplée application,
        else the request replacing a title (the first when none says so yet), as its MRZ typed there would."""
        request_step = self.steps[0]
        if self.dossier is None or not isinstance(request_step, RequestStep):
            return
        forms = request_step.requests[:len(self.dossier.requests)]
        form = next((f for f in forms if for_title is not None and f.title_box.currentData() == for_title),
                    next((f for f in forms if f.reason_box.currentData() in REPLACING), forms[0]))
        form.show_previous(title)
        request_step.save(self.dossier)
        self.save_draft(quiet=True)

    def _read_scanned_title(self, form) -> None:
        """The previous title's MRZ read, off the GUI thread, on its last page scanned at the documents step;
        the French reason in the form's note when there is none or it cannot be read."""
        title = form.title_box.currentData()  # in a couplée application, only that title's own pages
        pages = [d for d in self.dossier.documents if d.kind is DocumentKind.PREVIOUS_TITLE
                 and (d.title is None or d.title == title)] if self.dossier else []
        if not pages:
            form.note.setText(message("demande.previous.no_scan"))
            return
        png = pages[-1].png

        def read():
            import cv2
            import numpy as np

            from enrollment.mrz_image import previous_title_from_image

            return previous_title_from_image(cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE))

        form.note.setText(message("documents.mrz_reading"))
        self.ctx.calls.spawn(read, on_done=form.show_previous, on_error=lambda e: form.note.setText(agent_message(e)))

    def _forward(self) -> None:
        (self.submit_button if self.submit_button.isVisible() else self.next_button).click()

    def save_draft(self, quiet: bool = False) -> None:
        if self.dossier is None:
            return
        self.current_step.save(self.dossier)
        try:
            workflow.edit(self.dossier)
            self.ctx.store.dossiers.save_draft(self.dossier)
        except Exception as exc:  # the draft in memory is kept; the agent is told and may retry
            self.ctx.notifications.error(exc, "wizard")
            return
        if not quiet:
            self.ctx.notifications.info(message("draft.saved"))

    def leave(self) -> None:
        self.save_draft(quiet=True)
        self.current_step.left()
        # The draft is on disk; holding it here would let a later lock or log-out save it again, bringing
        # it back after the agent abandoned it from the home page (or the station expired it).
        self.dossier = None
        self.home_requested.emit()

    def suspend(self) -> None:
        """The station locks or the agent logs out: keep everything typed so far."""
        if self.dossier is not None:
            self.save_draft(quiet=True)
            self.current_step.left()

    def resume(self) -> None:
        """Back from a lock: the draft is still in memory and on disk; restart what `suspend` stopped."""
        if self.dossier is not None:
            for s in self.steps:  # show the values as saved (names in capitals, trimmed)
                s.load(self.dossier)
            self.current_step.entered()

    def submit(self) -> None:
        d = self.dossier
        if d is None:
            return
        self.current_step.save(d)
        try:
            workflow.complete(d, self.ctx.today(), self.ctx.rules())
        except workflow.IncompleteDossier as exc:  # the summary lists what to fix
            self.go_to(len(self.steps) - 1)
            if {p.code for p in exc.problems} == {ATTESTATION}:  # all else holds: the applicant has to attest
                self.current_step.status.setText(exc.problems[0].message)
            return
        try:
            self.ctx.store.dossiers.save_draft(d)
        except EnrollmentError as exc:  # the store judged otherwise (its date, or a state moved meanwhile)
            workflow.edit(d)
            self.ctx.notifications.error(exc, "wizard")
            return
        self._seal(d)

    def _seal(self, d: Dossier, pin: str | None = None) -> None:
        """Seal on a worker: the agent's card signs (`pin` for a card that asks it at every signature)."""
        self.submit_button.setEnabled(False)
        from ..receipt_printing import seal_with_recepisse  # the PDF library loads at the first sealing

        self.ctx.calls.spawn(seal_with_recepisse, self.ctx, d.model_copy(deep=True), pin,
                             on_done=lambda pdf: self._queued(d.id, pdf), on_error=self._seal_failed)

    def _queued(self, dossier_id: str, recepisse: bytes) -> None:
        self.submit_button.setEnabled(True)
        log.info("dossier queued", extra={"event": "queued", "dossier_id": dossier_id})
        self.ctx.notifications.info(message("dossier.queued"))
        print_rendered_later(self.ctx, recepisse)  # the applicant leaves with their récépissé
        self.dossier = None
        self.current_step.left()
        self.submitted.emit(dossier_id)

    def _seal_failed(self, error: BaseException) -> None:
        self.submit_button.setEnabled(True)
        dossier = self.dossier
        # A card that signs one dossier per PIN: ask the agent for it, and seal again (nothing was sealed).
        if dossier is not None and retried_with_pin(self, error, lambda pin: self._seal(dossier, pin)):
            return
        if self.dossier is not None and getattr(error, "code", "") == "seal.checks_changed":
            # The CERT's late answers were written to the stored draft: show that one, at the summary.
            self.open(self.ctx.store.dossiers.load(self.dossier.id))
            self.go_to(len(self.steps) - 1, save=False)
        elif self.dossier is not None:
            workflow.edit(self.dossier)
            self.ctx.store.dossiers.save_draft(self.dossier)
        self.ctx.notifications.error(error, "wizard")
