"""Device diagnostics for technicians: each driver's diagnose(), run on its own worker, after the station
certificate's expiry check. The table gives every device's status in one model (devices/status.py: ready,
busy, not ready, not registered, usable or not, and why); the report below gives each check."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from devices.diagnosis import Diagnosis
from devices.status import DeviceStatus
from devices.strings import DEVICE_NAMES

from ..certificate_diagnosis import diagnose_station_certificate
from ..context import StationContext
from ..diagnosis_text import format_diagnosis
from ..store_key_diagnosis import DEVICE, diagnose_store_key
from ..strings import label, message
from .notifications import agent_message
from .widgets import button, title

_COLUMNS = ("device", "state", "usable", "reason")
_USABLE, _UNUSABLE = QColor("#18753c"), QColor("#ce0500")


class DiagnosticsPage(QWidget):
    home_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.kinds = [handle.kind for handle in ctx.devices]
        self.table = QTableWidget(len(self.kinds), len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([label(f"diagnostics.column.{c}") for c in _COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, kind in enumerate(self.kinds):
            self._cell(row, 0, DEVICE_NAMES.get(kind, kind).capitalize())
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.run_button = button(label("diagnostics.run"), primary=True)
        self.run_button.clicked.connect(self.run)
        # A technician who just published a release need not wait for the next scheduled check.
        self.update_button = button(label("diagnostics.check_update"))
        self.update_button.clicked.connect(self.check_update)
        home = button(label("transmissions.home"))
        home.clicked.connect(self.home_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addWidget(self.update_button)
        bar.addStretch(1)
        bar.addWidget(home)
        box = QVBoxLayout(self)
        box.addWidget(title(label("diagnostics.title")))
        box.addWidget(self.table, 2)  # every device in view at once; the checks' detail below
        box.addWidget(self.report, 3)
        box.addLayout(bar)

    def activate(self) -> None:
        self.run_button.setFocus()

    def run(self) -> None:
        self.report.clear()
        for row in range(len(self.kinds)):
            self._cell(row, 1, label("diagnostics.waiting"))
            for column in (2, 3):
                self._cell(row, column, "")
        # The station's own certificate first: a warning a month before it expires (one small file read).
        self._show(diagnose_station_certificate(self.ctx.config.cert.client_cert))
        # The reference lists (fee table, communes, trust lists): versions, ages, whether new dossiers may start.
        self.report.appendPlainText("\n".join(self.ctx.reference.status_lines(datetime.now(UTC))))
        self.report.appendPlainText("\n".join(self.ctx.updates.service.status_lines()))
        for handle in self.ctx.devices:
            self.ctx.calls.run(handle.diagnose(), self._show,
                               lambda e, k=handle.kind: self.report.appendPlainText(f"KO  {k} : {agent_message(e)}"))
        # Where the store key lives, as `station diagnose` tells it (the TPM is asked on its own worker).
        self.ctx.calls.spawn(diagnose_store_key, self.ctx.config, on_done=self._show,
                             on_error=lambda e: self.report.appendPlainText(f"KO  {DEVICE} : {agent_message(e)}"))

    def check_update(self) -> None:
        """Wake the update thread: what it finds is told in the banner, as for a scheduled check."""
        self.ctx.updates.check_now()
        self.report.appendPlainText(message("diagnostics.update_asked"))

    def status_of(self, kind: str) -> tuple[str, str, str]:
        """(state, usable, reason) as the table shows them for `kind`."""
        row = self.kinds.index(kind)
        return tuple(self.table.item(row, c).text() for c in (1, 2, 3))  # type: ignore[return-value]

    def _show(self, d: Diagnosis) -> None:
        self.report.appendPlainText(format_diagnosis(d))
        if d.device in self.kinds:
            self._show_status(self.kinds.index(d.device), d.status())
            self.ctx.device_health.note(d)  # the next heartbeat tells the CERT

    def _show_status(self, row: int, status: DeviceStatus) -> None:
        self._cell(row, 1, status.state_text)
        usable = self._cell(row, 2, label("diagnostics.usable.yes" if status.usable else "diagnostics.usable.no"))
        usable.setForeground(_USABLE if status.usable else _UNUSABLE)
        self._cell(row, 3, status.reason)
        self.table.resizeRowToContents(row)

    def _cell(self, row: int, column: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        self.table.setItem(row, column, item)
        return item
