"""Réception des titres: the agent scans a pile of envelopes one after another, without the mouse.

While the page is shown, the barcode reader is read in a loop on its worker; each code goes to the store's
delivery queue (sync/delivery_queue.py) and the outbox's thread registers it at the CERT, which sends the
applicant's SMS. The list shows the envelopes scanned since the page was opened, each with the CERT's answer
once it came; a scan made while the CERT is unreachable waits in the queue, and the page says so."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from enrollment.audit import AuditEvent
from enrollment.store import Delivery, DeliveryKind, DeliveryState
from sync.envelope_barcode import title_number
from sync.errors import SyncError
from sync.strings import message as sync_message

from ..strings import LABELS, label, message
from .reader_loop import ReaderLoop
from .widgets import button, hint, read_only_table, title

if TYPE_CHECKING:

    from ..context import StationContext

log = logging.getLogger(__name__)

REFRESH_MS = 1000  # the list follows the queue (the outbox's thread answers in the background)


class ReceptionPage(QWidget):
    home_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.reader = ReaderLoop(ctx, self, self.scan, lambda reason: self._say(
            message("reception.reader_failed", reason=reason), problem=True), "reception.reader_failed")
        self._opened_at: datetime | None = None
        self._told: str | None = None

        self.status = hint("")  # what became of the last scan
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(40)
        self.waiting = hint("")
        self.manual = QLineEdit()
        self.manual.setMaxLength(40)
        self.manual.returnPressed.connect(self._typed)
        self.table = read_only_table([label(f"reception.col.{c}") for c in
                                      ("time", "envelope", "title", "holder", "state")], stretch=4)
        self.table.setWordWrap(True)
        self.home_button = button(label("reception.home"))
        self.home_button.clicked.connect(self.home_requested)

        entry = QHBoxLayout()
        entry.addWidget(QLabel(label("reception.manual")))
        entry.addWidget(self.manual, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.home_button)
        box = QVBoxLayout(self)
        box.addWidget(title(label("reception.title")))
        box.addWidget(hint(message("reception.hint")))
        box.addLayout(entry)
        box.addWidget(self.status)
        box.addWidget(self.waiting)
        box.addWidget(self.table, 1)
        box.addLayout(actions)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def activate(self) -> None:
        self._opened_at = datetime.now().astimezone()
        self._say("")
        self.refresh()
        self.timer.start()
        self.manual.setFocus()
        self.reader.start()

    def deactivate(self) -> None:
        self.reader.stop()
        self.timer.stop()
        self.manual.clear()

    # Scans ---------------------------------------------------------------------------------------------

    def scan(self, text: str) -> None:
        """One barcode, from the reader or typed: queued (and the sender woken), or refused in French."""
        try:
            scan = self.ctx.deliveries.scan_envelope(text)
        except SyncError as exc:
            self._say(exc.message, problem=True)
            return
        if scan.new:
            session = self.ctx.session
            self.ctx.audit.record(AuditEvent.ENVELOPE_RECEIVED, session.agent_id if session else None,
                                  title_number=title_number(scan.delivery.title_ref))
            self._say(message("reception.scanned", barcode=scan.delivery.title_ref))
            self.ctx.outbox.wake()
        else:
            self._say(message("reception.repeat_here", date=_local(scan.delivery.queued_at)), problem=True)
        self.refresh()

    def _typed(self) -> None:
        text = self.manual.text()
        self.manual.clear()
        if text.strip():
            self.scan(text)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setObjectName("problem" if problem else "hint")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    # The list ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._opened_at is None:
            return
        rows = self.ctx.store.deliveries.since(DeliveryKind.ENVELOPE, self._opened_at)
        self.table.setRowCount(len(rows))
        for row, delivery in enumerate(rows):
            for col, text in enumerate(_cells(delivery)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        latest = rows[0] if rows else None
        if latest is not None and latest.state is not DeliveryState.QUEUED and latest.id != self._told:
            self._told = latest.id  # the CERT answered the last scan: say what it said, once
            if latest.state is DeliveryState.REFUSED:  # its reason and the next step
                self._say(sync_message(latest.last_error_code or "lookup.unreachable"), problem=True)
            else:
                cells = _cells(latest)
                self._say(message("reception.answered", barcode=latest.title_ref, title=cells[2], holder=cells[3],
                                  state=cells[4]))
        queued = [d for d in self.ctx.store.deliveries.queued(DeliveryKind.ENVELOPE) if d.attempts > 0]
        self.waiting.setText(message("reception.waiting", count=len(queued)) if queued else "")


def _cells(delivery: Delivery) -> list[str]:
    answer: dict[str, Any] = json.loads(delivery.result) if delivery.result else {}
    title_ = answer.get("title") or {}
    kind = title_.get("kind")
    return [
        f"{delivery.queued_at.astimezone():%H:%M:%S}",
        delivery.title_ref,
        f"{label(f'reception.kind.{kind}')} {title_['number']}" if kind in ("cni", "passport") else "—",
        _holder(answer.get("holder")),
        _state(delivery, answer),
    ]


def _holder(names: dict[str, str] | None) -> str:
    if not names:
        return "—"
    usage = f" ({names['usage_name']})" if names.get("usage_name") else ""
    return f"{names['surname']}{usage} {names['given_names']}"


def _state(delivery: Delivery, answer: dict[str, Any]) -> str:
    if delivery.state is DeliveryState.REFUSED:
        short = f"reception.refused.{delivery.last_error_code}"
        return label(short) if short in LABELS else label("reception.refused")
    if delivery.state is DeliveryState.QUEUED:
        return message("reception.state.queued")
    if answer.get("repeat"):
        status_at = (answer.get("title") or {}).get("status_at")
        return message("reception.state.repeat", date=_local(datetime.fromisoformat(status_at)) if status_at else "?")
    sms = (answer.get("sms") or {}).get("state")
    return message({"none": "reception.state.received_no_sms",
                    "queued": "reception.state.received_sms_queued"}.get(sms, "reception.state.received"))


def _local(at: datetime) -> str:
    return label("delivery.when", at=at.astimezone())
