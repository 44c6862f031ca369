"""Device diagnostics for technicians: each driver's diagnose(), run on its own worker, after the station
certificate's expiry check."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from devices.diagnosis import Diagnosis

from ..certificate_diagnosis import diagnose_station_certificate
from ..context import StationContext
from ..diagnosis_text import format_diagnosis
from ..store_key_diagnosis import DEVICE, diagnose_store_key
from ..strings import label
from .notifications import agent_message
from .widgets import button, title


class DiagnosticsPage(QWidget):
    home_requested = Signal()

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.run_button = button(label("diagnostics.run"), primary=True)
        self.run_button.clicked.connect(self.run)
        home = button(label("transmissions.home"))
        home.clicked.connect(self.home_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        bar.addWidget(home)
        box = QVBoxLayout(self)
        box.addWidget(title(label("diagnostics.title")))
        box.addWidget(self.report, 1)
        box.addLayout(bar)

    def activate(self) -> None:
        self.run_button.setFocus()

    def run(self) -> None:
        self.report.clear()
        # The station's own certificate first: a warning a month before it expires (one small file read).
        self._show(diagnose_station_certificate(self.ctx.config.cert.client_cert))
        for handle in self.ctx.devices:
            self.ctx.calls.run(handle.diagnose(), self._show,
                               lambda e, k=handle.kind: self.report.appendPlainText(f"KO  {k} : {agent_message(e)}"))
        # Where the store key lives, as `station diagnose` tells it (the TPM is asked on its own worker).
        self.ctx.calls.spawn(diagnose_store_key, self.ctx.config, on_done=self._show,
                             on_error=lambda e: self.report.appendPlainText(f"KO  {DEVICE} : {agent_message(e)}"))

    def _show(self, d: Diagnosis) -> None:
        self.report.appendPlainText(format_diagnosis(d))
