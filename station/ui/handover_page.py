"""Remise d'un titre: find the title (envelope scanned or number typed), compare the holder's face with the
CERT's photo, check from 12 years the two enrolled fingers 1:1 (up to three presentations), take the old
title's number, the parent's identity for a minor, the holder's signature, and record the hand-over.

The record goes through the store's delivery queue (sync/delivery_queue.py): written at once, sent by the
outbox's thread, and only the CERT's signed receipt removes the templates the station held for the check.
The flow's rules (what is required before the title may be handed over) are in station/handover_flow.py."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from enrollment.audit import AuditEvent
from enrollment.errors import EnrollmentError
from sync.errors import SyncError

from ..context import cert_client
from ..handover_flow import HandoverFlow
from ..strings import label, message
from .card_pin_prompt import retried_with_pin
from .reader_loop import ReaderLoop
from .receipt_print import print_handover_later
from .widgets import Preview, button, hint, pixmap_from_bytes, title

if TYPE_CHECKING:
    from devices.fingerprint import FingerImage
    from devices.signature_pad import PenTrace
    from sync.delivery_replies import HolderCheck

    from ..context import StationContext

log = logging.getLogger(__name__)
CAPTURE_TIMEOUT_S = 30.0
SIGN_TIMEOUT_S = 120.0


class HandoverPage(QWidget):
    home_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.flow: HandoverFlow | None = None
        self._images: list[Any] = []  # the presentation being captured, one image per enrolled finger

        self.search = QLineEdit()
        self.search.setPlaceholderText(label("handover.search"))
        self.search.returnPressed.connect(self.find)
        self.reader = ReaderLoop(ctx, self, self._scanned, lambda reason: self.status.setText(
            message("handover.reader_failed", reason=reason)), "handover.reader_failed")
        self.find_button = button(label("handover.find"), primary=True)
        self.find_button.clicked.connect(self.find)
        self.status = hint("")
        self.status.setWordWrap(True)
        self.holder = hint("")
        self.holder.setWordWrap(True)
        self.holder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.photo = Preview(168, 216)  # the CERT's photo, 35×45 mm proportions
        self.face_checked = QCheckBox(label("handover.face_checked"))
        self.face_checked.toggled.connect(lambda _on: self._refresh())
        self.fingers_button = button(label("handover.fingers"))
        self.fingers_button.clicked.connect(self.capture_presentation)
        self.old_title = QLineEdit()
        self.old_title.setMaxLength(120)  # a number, or an MRZ as a reader types it
        self.override_reason = QLineEdit()  # a supervisor's, after the last failed presentation
        self.override_reason.setMaxLength(200)
        self.override_reason.textChanged.connect(lambda _t: self._refresh())
        self.parent_surname, self.parent_given, self.parent_link, self.parent_document = (
            QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit())
        for field in (self.parent_surname, self.parent_given, self.parent_link, self.parent_document):
            field.textChanged.connect(lambda _t: self._refresh())
        self.sign_button = button(label("handover.sign"))
        self.sign_button.clicked.connect(self.capture_signature)
        self.signature = Preview(300, 90)
        self.handover_button = button(label("handover.confirm"), primary=True)
        self.handover_button.clicked.connect(self.hand_over)
        self.home_button = button(label("handover.home"))
        self.home_button.clicked.connect(self.home_requested)

        find_row = QHBoxLayout()
        find_row.addWidget(self.search, 1)
        find_row.addWidget(self.find_button)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.addRow(self.face_checked)
        form.addRow(self.fingers_button)
        self.override_label = QLabel(label("handover.override"))
        form.addRow(self.override_label, self.override_reason)
        form.addRow(label("handover.old_title"), self.old_title)
        self.parent_box = QWidget()
        parent_form = QFormLayout(self.parent_box)
        parent_form.addRow(label("handover.parent_surname"), self.parent_surname)
        parent_form.addRow(label("handover.parent_given"), self.parent_given)
        parent_form.addRow(label("handover.parent_link"), self.parent_link)
        parent_form.addRow(label("handover.parent_document"), self.parent_document)
        form.addRow(self.parent_box)
        form.addRow(self.sign_button, self.signature)
        right = QVBoxLayout()
        right.addWidget(self.holder)
        right.addWidget(self.details)
        right.addStretch(1)
        who = QHBoxLayout()
        who.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        who.addLayout(right, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.handover_button)
        actions.addStretch(1)
        actions.addWidget(self.home_button)
        box = QVBoxLayout(self)
        box.addWidget(title(label("handover.title")))
        box.addLayout(find_row)
        box.addWidget(self.status)
        box.addLayout(who, 1)
        box.addLayout(actions)

    # A hand-over in progress survives a lock: the agent's card resumes it as it was, and after the last failed
    # presentation a supervisor's card may open the locked station to decide (station/ui/main_window.py).
    keep_on_lock = True

    @property
    def awaits_supervisor(self) -> bool:
        return self.flow is not None and self.flow.failed_out

    def session_changed(self) -> None:
        """Back from a lock, under the same agent or a supervisor who stepped in."""
        self._refresh()
        if self.flow is not None:
            self.status.setText(self._next_step())

    def activate(self) -> None:
        self._reset()
        self.search.setFocus()
        self.reader.start()

    def deactivate(self) -> None:
        self.reader.stop()
        self._reset()

    def _scanned(self, text: str) -> None:
        """An envelope read by the barcode reader searches its title, unless a hand-over is under way or the
        page is held behind the lock screen."""
        if not self.isVisible():
            return
        if self.flow is not None:
            self.status.setText(message("handover.scan_busy"))
            return
        self.search.setText(text)
        self.find()

    def _reset(self) -> None:
        self.flow = None
        self._images = []
        for field in (self.search, self.old_title, self.override_reason, self.parent_surname, self.parent_given,
                      self.parent_link, self.parent_document):
            field.clear()
        self.face_checked.setChecked(False)
        self.holder.setText("")
        self.photo.show_pixmap(None)
        self.signature.show_pixmap(None)
        self.status.setText(message("handover.hint"))
        self._refresh()

    # Finding the title ---------------------------------------------------------------------------------

    def find(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        try:
            number = self._number_for(text)
        except SyncError as exc:
            self.status.setText(exc.message)
            return
        if number is None:
            return
        self.find_button.setEnabled(False)
        self.status.setText(message("handover.finding"))
        config, store = self.ctx.config, self.ctx.store

        def fetch() -> tuple[HolderCheck, dict[str, bytes], int]:
            from sync.delivery import fetch_holder, fetch_templates

            with cert_client(config) as client:
                holder = fetch_holder(client, number)
                templates = fetch_templates(client, number) if holder.fingerprint_check else {}
            if templates:  # kept encrypted until the hand-over's receipt or the title leaves the list
                store.title_templates.put(number, templates)
            return holder, templates, store.title_templates.failed_presentations(number)

        self.ctx.calls.spawn(fetch, on_done=self._found, on_error=self._failed)

    def _number_for(self, text: str) -> str | None:
        """The title number from a barcode or a number, else the one waiting title whose holder's names
        match (the kept waiting list); None, with the reason shown, when there is none or several."""
        from .. import waiting_titles
        from ..handover_flow import title_number

        try:
            return title_number(text)
        except SyncError:
            if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
                raise
        found = [t for t in waiting_titles.kept(self.ctx.store).titles if t.holder and waiting_titles.matches(t, text)]
        if len(found) == 1:
            return found[0].number
        self.status.setText(message("handover.name_none" if not found else "handover.name_several",
                                    count=len(found)))
        return None

    def _found(self, found: tuple[HolderCheck, dict[str, bytes], int]) -> None:
        holder, templates, failed = found
        self.find_button.setEnabled(True)
        # Searching the title again does not give three more presentations.
        self.flow = HandoverFlow(holder, templates, presentations=failed)
        self.photo.show_pixmap(pixmap_from_bytes(holder.photo_jpeg))
        self.holder.setText(self.flow.describe())
        self.status.setText(self._next_step())
        self._refresh()

    def _failed(self, exc: BaseException) -> None:
        self.find_button.setEnabled(True)
        self._refresh()
        log.warning("hand-over step failed", extra={"event": "handover.failed",
                                                   "code": getattr(exc, "code", type(exc).__name__)})
        self.status.setText(getattr(exc, "message", None) or message("handover.failed"))

    # Fingerprints --------------------------------------------------------------------------------------

    def capture_presentation(self) -> None:
        flow = self.flow
        if flow is None or not flow.may_present:
            return
        self._images = []
        self.fingers_button.setEnabled(False)
        self._capture_next()

    def _capture_next(self) -> None:
        assert self.flow is not None
        position = self.flow.positions[len(self._images)]
        self.status.setText(message("handover.place_finger", finger=self.flow.finger_name(position)))
        self.ctx.calls.run(self.ctx.devices.fingerprint.call("capture", position, CAPTURE_TIMEOUT_S),
                           self._captured, self._failed)

    def _captured(self, image: FingerImage) -> None:
        assert self.flow is not None
        self._images.append(image.pixels)
        if len(self._images) < len(self.flow.positions):
            self._capture_next()
            return
        self.status.setText(message("handover.comparing"))
        flow, images, store = self.flow, list(self._images), self.ctx.store

        def compare() -> None:
            if not flow.compare(images).matched:
                store.title_templates.count_failed_presentation(flow.holder.number)

        self.ctx.calls.spawn(compare, on_done=self._compared, on_error=self._failed)

    def _compared(self, _result: object) -> None:
        assert self.flow is not None
        self._refresh()
        self.status.setText(self._next_step())

    # Signature and hand-over ---------------------------------------------------------------------------

    def capture_signature(self) -> None:
        self.sign_button.setEnabled(False)
        self.status.setText(message("handover.signing"))
        self.ctx.calls.run(self.ctx.devices.signature_pad.call("capture", SIGN_TIMEOUT_S), self._signed,
                           self._failed)

    def _signed(self, trace: PenTrace) -> None:
        from enrollment.signature import signed

        from .steps.signature import series_from

        assert self.flow is not None
        try:
            self.flow.signature_png = signed(series_from(trace), datetime.now(UTC)).png
        except EnrollmentError as exc:
            self.status.setText(exc.message)
        else:
            self.signature.show_pixmap(pixmap_from_bytes(self.flow.signature_png or b""))
            self.status.setText(self._next_step())
        self._refresh()

    def hand_over(self) -> None:
        flow, session = self.flow, self.ctx.session
        if flow is None or session is None:
            return
        flow.face_checked = self.face_checked.isChecked()
        flow.set_parent(self.parent_surname.text(), self.parent_given.text(), self.parent_link.text(),
                        self.parent_document.text())
        try:
            flow.set_old_title(self.old_title.text())
            record = flow.record(str(uuid.uuid4()), session.agent_id, datetime.now(UTC))
        except (SyncError, EnrollmentError) as exc:
            self.status.setText(exc.message)
            return
        self._sign_and_queue(flow, record)

    def _sign_and_queue(self, flow: HandoverFlow, record: Any, pin: str | None = None) -> None:
        """The agent's card signs the record (a supervisor's, for an override): on a worker, never here; the
        record is written only once signed."""
        self.handover_button.setEnabled(False)
        self.ctx.calls.spawn(self.ctx.deliveries.queue_handover, flow.holder.number, record, self.ctx.agent(pin),
                             on_done=lambda _: self._recorded(flow, record.decision, record.agent_id),
                             on_error=lambda exc: self._not_recorded(flow, record, exc))

    def _not_recorded(self, flow: HandoverFlow, record: Any, error: BaseException) -> None:
        if retried_with_pin(self, error, lambda pin: self._sign_and_queue(flow, record, pin)):
            return
        self.status.setText(getattr(error, "message", "") or message("handover.not_signed"))
        self._refresh()

    def _recorded(self, flow: HandoverFlow, decision: str, agent_id: str) -> None:
        session = self.ctx.session
        self.ctx.outbox.wake()
        # Whoever signed the record: the agent, or the supervisor who decided to hand over without a match.
        self.ctx.audit.record(AuditEvent.TITLE_HANDED_OVER, agent_id, title_number=flow.holder.number,
                              reason=decision)
        log.info("title handed over", extra={"event": "handover.recorded",
                                             "agent_id": session.agent_id if session else "", "code": decision})
        number = flow.holder.number
        h = flow.holder.holder
        print_handover_later(self.ctx, label(f"reception.kind.{flow.holder.kind}"), number,
                             f"{h.given_names.split(' ')[0]} {h.surname}".strip())
        self._reset()
        self.status.setText(message("handover.done", number=number))

    def _next_step(self) -> str:
        assert self.flow is not None
        session = self.ctx.session
        return self.flow.next_step(supervisor=session is not None and session.role == "superviseur")

    def _refresh(self) -> None:
        flow = self.flow
        self.details.setVisible(flow is not None)
        self.photo.setVisible(flow is not None)  # an empty frame says nothing before a title is found
        if flow is None:
            self.handover_button.setEnabled(False)
            return
        flow.face_checked = self.face_checked.isChecked()
        flow.set_parent(self.parent_surname.text(), self.parent_given.text(), self.parent_link.text(),
                        self.parent_document.text())
        session = self.ctx.session
        supervisor = session is not None and session.role == "superviseur"
        flow.override(session.agent_id if supervisor and session else "", self.override_reason.text())
        for w in (self.override_label, self.override_reason):
            w.setVisible(flow.failed_out and supervisor)
        self.fingers_button.setVisible(flow.fingerprint_check)
        self.fingers_button.setEnabled(flow.may_present)
        self.fingers_button.setText(label("handover.fingers_done") if flow.matched else
                                    label("handover.fingers_n", n=flow.presentations + 1,
                                          limit=flow.max_presentations))
        self.parent_box.setVisible(flow.holder.minor)
        self.sign_button.setVisible(flow.signs)
        self.sign_button.setEnabled(flow.signs)
        self.handover_button.setEnabled(flow.ready)
