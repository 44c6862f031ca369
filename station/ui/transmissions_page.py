"""Transmissions: every dossier on the station and where it stands, with the outbox's health."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QTableWidgetItem, QVBoxLayout, QWidget

from enrollment.workflow import STATE_LABELS

from ..context import StationContext
from ..outbox_status import OutboxSummary, read_summary
from ..strings import label, message
from .outbox_panel import OutboxPanel
from .receipt_print import print_recepisse_later
from .widgets import button, read_only_table, title

REFRESH_MS = 1000
TITLE_LABELS = {"cni": "demande.cni", "passeport": "demande.passeport"}


class TransmissionsPage(QWidget):
    home_requested = Signal()
    refreshed = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.status = OutboxPanel(compact=False)  # count, oldest, last error, and the alert when overdue
        self.table = read_only_table([label(f"transmissions.col.{c}") for c in
                                      ("created", "applicant", "title", "state", "number")])
        self.retry_button = button(label("transmissions.retry"))
        self.retry_button.clicked.connect(self.ctx.outbox.retry_now)
        # The récépissé again (a jam, a second copy), while the dossier's data is still on the station.
        self.reprint_button = button(label("transmissions.reprint"))
        self.reprint_button.clicked.connect(self.reprint)
        # Qt's print dialog, for the agent who wants another printer or several copies: the PDF still goes
        # to CUPS as it is (the dialog's printers are CUPS's queues).
        self.print_to_button = button(label("transmissions.print_to"))
        self.print_to_button.clicked.connect(self.print_to)
        self.home_button = button(label("transmissions.home"), primary=True)
        self.home_button.clicked.connect(self.home_requested)

        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.print_to_button)
        actions.addStretch(1)
        actions.addWidget(self.home_button)
        box = QVBoxLayout(self)
        box.addWidget(title(label("transmissions.title")))
        box.addWidget(self.status)
        box.addWidget(self.table, 1)
        box.addLayout(actions)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def activate(self) -> None:
        self.refresh()
        self.timer.start()
        self.home_button.setFocus()

    def deactivate(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        summaries = self.ctx.store.dossiers.summaries()
        self.table.setRowCount(len(summaries))
        for row, s in enumerate(summaries):
            cells = [
                f"{s.created_at.astimezone():%d/%m/%Y %H:%M}",
                s.applicant or "—",
                label(TITLE_LABELS[s.title.value]) if s.title else "—",
                STATE_LABELS[s.state],
                s.cert_number or "—",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.table.setItem(row, col, item)
        self.show_outbox(outbox_summary(self.ctx))
        self.refreshed.emit()

    def _selected(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None:
            self.ctx.notifications.warning(message("print.reprint_select"))
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def reprint(self) -> None:
        dossier_id = self._selected()
        if dossier_id is not None:
            print_recepisse_later(self.ctx, dossier_id)

    def print_to(self) -> None:
        """The récépissé on the printer and with the copies the agent picks in Qt's print dialog."""
        dossier_id = self._selected()
        if dossier_id is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        printer.setPrinterName(self.ctx.config.devices.printer_name)
        self.print_dialog = QPrintDialog(printer, self)
        if self.print_dialog.exec() == QPrintDialog.DialogCode.Accepted and printer.printerName():
            print_recepisse_later(self.ctx, dossier_id, printer.printerName(), printer.copyCount())

    def show_outbox(self, summary: OutboxSummary) -> None:
        self.status.show_summary(summary)

    def state_of_row(self, row: int) -> str:
        item = self.table.item(row, 3)
        return item.text() if item else ""


def outbox_summary(ctx: StationContext) -> OutboxSummary:
    return read_summary(ctx.store, ctx.config.outbox.alert_after_minutes)
