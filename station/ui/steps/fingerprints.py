"""The fingerprint step: the capture plan driven on screen (enrollment/fingerprint/plan.py).

The hand diagram shows the finger asked for; each try is captured on the scanner's device worker, shown at
once, then analysed (NFIQ 2, template, WSQ, same-finger check) on the analysis worker; the quality bar and
the applicant's instruction follow. The agent may keep the best of three tries or record the finger as
impossible with a reason. Keyboard: F5 captures, F6 keeps the best, F7 opens the reasons, F8 confirms one,
Escape closes them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from devices.fingerprint import FingerImage
from enrollment.audit import AuditEvent
from enrollment.fingerprint.model import FingerException
from enrollment.fingerprint.order import finger_name, finger_with_article
from enrollment.fingerprint.plan import CapturePlan, Outcome, PlanSettings
from enrollment.model import Dossier
from enrollment.strings import message as domain_message
from enrollment.validation import fingerprints_required

from ...strings import label, message
from ..hand_diagram import HandDiagram
from ..notifications import agent_message
from ..widgets import Preview, button, hint, pixmap_from_array
from . import fingerprint_analysis
from .base import Step

if TYPE_CHECKING:  # NBIS loads on the analysis worker (or the engines' warm-up), not with the window
    from enrollment.fingerprint.impression import Impression

log = logging.getLogger(__name__)
CAPTURE_TIMEOUT_S = 15.0


def _reason_text(reason: FingerException) -> str:
    return domain_message(f"fingerprint.exception.{reason.value}")


class FingerprintStep(Step):
    key = "empreintes"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.settings = PlanSettings(min_quality=ctx.config.devices.fingerprint_min_quality)
        self.plan = CapturePlan(settings=self.settings)
        self.busy = False
        self.required = True
        self.device_quality: int | None = None  # the scanner's own score of the last capture, if it gives one

        self.diagram = HandDiagram()
        self.asked = hint("")
        self.live = Preview(220, 240, label("finger.none"))
        self.quality_bar = QProgressBar()
        self.quality_bar.setRange(0, 100)
        self.quality_bar.setTextVisible(False)
        self.quality_text = QLabel(label("finger.quality_none"))
        self.instruction = QLabel("")
        self.instruction.setObjectName("hint")
        self.instruction.setWordWrap(True)
        self.kept_list = QLabel("")
        self.kept_list.setWordWrap(True)

        self.capture_button = button(label("finger.capture_button"), primary=True)
        self.capture_button.clicked.connect(self.capture)
        self.keep_button = button(label("finger.keep_best"))
        self.keep_button.clicked.connect(self.keep_best)
        self.impossible_button = button(label("finger.impossible"))
        self.impossible_button.clicked.connect(self.open_reasons)
        self.restart_button = button(label("finger.restart"))
        self.restart_button.clicked.connect(self.restart)

        self.reasons = QComboBox()
        for reason in FingerException:
            self.reasons.addItem(_reason_text(reason), reason)
        self.confirm_button = button(label("finger.confirm_exception"), primary=True)
        self.confirm_button.clicked.connect(self.confirm_exception)
        self.cancel_button = button(label("finger.cancel_exception"))
        self.cancel_button.clicked.connect(self.close_reasons)
        self.reason_panel = QWidget()
        reason_row = QHBoxLayout(self.reason_panel)
        reason_row.setContentsMargins(0, 0, 0, 0)
        reason_label = QLabel(label("finger.reason"))
        reason_label.setBuddy(self.reasons)
        for w in (reason_label, self.reasons, self.confirm_button, self.cancel_button):
            reason_row.addWidget(w)
        reason_row.addStretch(1)
        self.reason_panel.hide()

        side = QVBoxLayout()
        side.addWidget(self.diagram)
        side.addWidget(self.asked)
        side.addWidget(self.quality_text)
        side.addWidget(self.quality_bar)
        side.addWidget(self.instruction)
        side.addWidget(self.kept_list)
        side.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.live, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(1, 1)
        self.outer.addLayout(grid)
        buttons = QHBoxLayout()
        for b in (self.capture_button, self.keep_button, self.impossible_button, self.restart_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.outer.addLayout(buttons)
        self.outer.addWidget(self.reason_panel)
        self.finish_layout()
        # Keyboard: function keys, not Alt mnemonics, so they never clash with the wizard's; a shortcut
        # fires only while the step is shown, and a disabled button ignores its click.
        for key, target in (("F5", self.capture_button), ("F6", self.keep_button), ("F7", self.impossible_button),
                            ("F8", self.confirm_button), ("Escape", self.cancel_button)):
            QShortcut(QKeySequence(key), self, target.animateClick)
        self._refresh()

    # -- Wizard hooks.
    def load(self, d: Dossier) -> None:
        super().load(d)
        self.plan = CapturePlan(d.fingerprints, self.settings)
        last = next((f for f in reversed(d.fingerprints) if f.captured and f.wsq), None)
        self.live.show_pixmap(_wsq_pixmap(last.wsq) if last else None)
        self._show_quality(None)
        self.instruction.setText("")
        self._refresh()

    def entered(self) -> None:
        self.required = self.dossier is None or fingerprints_required(self.dossier, self.ctx.today())
        if self.required:
            self.ctx.calls.run(fingerprint_analysis.warm_up(), lambda _: None, self._failed)
        self._refresh()
        if self.capture_button.isEnabled():
            self.capture_button.setFocus()

    # -- Actions.
    def capture(self) -> None:
        asked = self.plan.current
        if asked is None or self.busy or not self.required:
            return
        self._set_busy(True)
        self.status.setText(message("finger.capturing"))
        # The fingers recorded as impossible travel with the request: a scanner imaging several skips them.
        impossible = tuple(r.position.value for r in self.plan.records() if not r.captured)
        self.ctx.calls.run(
            self.ctx.devices.fingerprint.call("capture", asked.value, CAPTURE_TIMEOUT_S, exceptions=impossible),
            lambda img: self._captured(asked, img),
            self._failed,
        )

    def _captured(self, asked, img: FingerImage) -> None:
        self.live.show_pixmap(pixmap_from_array(img.pixels))  # shown before the analysis ends
        # A certified scanner scores its own capture: shown beside ours, never deciding alone.
        self.device_quality = None if img.device_quality is None else round(img.device_quality)
        self.status.setText(message("finger.analysing"))
        future = fingerprint_analysis.analyse(img.pixels, img.ppi, asked, self.plan.kept_templates(),
                                              self.settings.min_quality)
        self.ctx.calls.run(future, self._analysed, self._failed)

    def _analysed(self, impression: Impression) -> None:
        self._set_busy(False)
        if impression.position != self.plan.current:  # the plan moved on meanwhile (restart, exception)
            self._refresh()
            return
        result = self.plan.record_try(impression)
        self._show_quality(impression.score)
        instruction = impression.quality.text
        name = finger_name(result.position)
        log.info("fingerprint try", extra={"event": "finger_try", "position": result.position.value,
                                           "quality": result.quality, "outcome": result.outcome.value})
        if result.outcome is Outcome.SAME_FINGER:
            text = domain_message("fingerprint.same_finger", kept=finger_with_article(result.same_as),
                                  asked=finger_with_article(result.position))
        elif result.outcome is Outcome.ACCEPTED:
            text = message("finger.accepted", finger=name.capitalize(), quality=result.quality)
            self._write_back()
        elif result.outcome is Outcome.RETRY:
            text = message("finger.retry", instruction=instruction, tries=result.tries,
                           max=self.settings.max_tries)
        else:
            text = message("finger.decide", instruction=instruction, max=self.settings.max_tries,
                           best=result.best_quality)
        self.instruction.setText(instruction if result.outcome is not Outcome.SAME_FINGER else "")
        self._refresh(text)

    def keep_best(self) -> None:
        if self.busy or not self.plan.tries:
            return
        record = self.plan.accept()
        self._write_back()
        self._refresh(message("finger.accepted", finger=finger_name(record.position).capitalize(),
                              quality=record.quality))

    def open_reasons(self) -> None:
        if self.plan.current is None or self.busy:
            return
        self.reason_panel.show()
        self.reasons.setFocus()
        self.status.setText(message("finger.choose_reason", finger=finger_with_article(self.plan.current)))

    def close_reasons(self) -> None:
        self.reason_panel.hide()
        self._refresh()

    def confirm_exception(self) -> None:
        if self.plan.current is None or self.busy:
            return
        reason = FingerException(self.reasons.currentData())
        agent_id = self.ctx.session.agent_id if self.ctx.session else ""
        try:
            record = self.plan.declare_exception(reason, agent_id)
        except Exception as exc:  # EnrollmentError: its French message; anything else: the generic one
            self.status.setText(agent_message(exc))
            return
        log.info("fingerprint exception", extra={"event": "finger_exception", "position": record.position.value,
                                                 "reason": reason.value})
        if self.dossier is not None:
            self.ctx.audit.record(AuditEvent.FINGERPRINT_EXCEPTION, agent_id or None, dossier_id=self.dossier.id,
                                  reason=reason.value)
        self._write_back()
        self.reason_panel.hide()
        self._refresh(message("finger.exception_recorded", finger=finger_with_article(record.position),
                              reason=_reason_text(reason).lower()))

    def restart(self) -> None:
        if self.busy:
            return
        self.plan.restart()
        self._write_back()
        self.live.show_pixmap(None)
        self._show_quality(None)
        self.instruction.setText("")
        self._refresh()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._refresh(agent_message(error))

    # -- Display.
    @property
    def plan_done(self) -> bool:
        return self.plan.done

    def _write_back(self) -> None:
        if self.dossier is not None:
            self.dossier.fingerprints = self.plan.records()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._refresh_buttons()

    def _show_quality(self, score: int | None) -> None:
        self.quality_bar.setValue(score or 0)
        ok = score is not None and score >= self.settings.min_quality
        self.quality_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {'#18753c' if ok else '#ce0500'}; }}")
        text = label("finger.quality_none") if score is None else label("finger.quality", score=score,
                                                                         minimum=self.settings.min_quality)
        if score is not None and self.device_quality is not None:
            text += label("finger.device_quality", score=self.device_quality)
        self.quality_text.setText(text)

    def _refresh_buttons(self) -> None:
        open_finger = self.required and self.plan.current is not None and not self.busy
        self.capture_button.setEnabled(open_finger and self.plan.tries_left > 0)
        self.keep_button.setEnabled(open_finger and bool(self.plan.tries))
        self.impossible_button.setEnabled(open_finger)
        self.confirm_button.setEnabled(open_finger)
        self.restart_button.setEnabled(self.required and not self.busy and bool(self.plan.records()))

    def _refresh(self, status: str | None = None) -> None:
        records = self.plan.records()
        asked = self.plan.current if self.required else None
        self.diagram.show_state(asked, {r.position for r in records if r.captured},
                                {r.position for r in records if not r.captured})
        self.kept_list.setText("\n".join(
            label("finger.kept", finger=finger_name(r.position).capitalize(), quality=r.quality) if r.captured
            else label("finger.excepted", finger=finger_name(r.position).capitalize(),
                       reason=_reason_text(r.exception).lower())
            for r in records))
        if not self.required:
            self.asked.setText(message("finger.not_required"))
        elif asked is None:
            done = sum(r.captured for r in records) >= self.settings.prints_kept
            self.asked.setText(message("finger.all_done" if done else "finger.exhausted"))
        else:
            self.asked.setText(message("finger.asked", finger=finger_with_article(asked)))
        if status is not None:
            self.status.setText(status)
        self._refresh_buttons()


def _wsq_pixmap(wsq: bytes) -> QPixmap:
    # The WSQ codec loads with the engines' warm-up (station/ui/engines_warmup.py), not with the window.
    from enrollment.fingerprint.wsq_codec import decode_wsq

    return pixmap_from_array(decode_wsq(wsq))
