"""The fee stamps: one per title that costs something (a couplée application may need two), typed or read
from its flashcode, and checked online at once (valid, amount enough for the title, not used, not expired;
reserved for this dossier). The CERT unreachable: the agent goes on, the stamp is checked again before
sealing and by the CERT on receipt."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from devices.barcode import Barcode
from enrollment.fees import fee_due
from enrollment.model import Dossier

from ...context import cert_client
from ...online_checks import record_stamp
from ...strings import label, message
from ..notifications import agent_message
from ..widgets import button
from .base import Step


def _line() -> QLineEdit:
    w = QLineEdit()
    w.setMaxLength(19)
    w.setInputMask("9999 9999 9999 9999;_")
    return w


class FeeStep(Step):
    key = "timbre"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.amount = self.status
        f = self.form()
        self.stamps = [_line(), _line()]
        self.stamp_labels = [QLabel(label("fee.stamp")), QLabel(label("fee.stamp"))]
        self.verdicts = [QLabel(""), QLabel("")]  # each stamp's answer from the CERT
        for n, (text, stamp, verdict) in enumerate(zip(self.stamp_labels, self.stamps, self.verdicts, strict=True)):
            verdict.setWordWrap(True)
            stamp.editingFinished.connect(lambda n=n: self.check(n))
            f.addRow(text, stamp)
            f.addRow("", verdict)
        self.scan_button = button(label("fee.scan_flashcode"))
        self.scan_button.clicked.connect(self.scan_flashcode)
        row = QHBoxLayout()
        row.addWidget(self.scan_button)
        row.addStretch(1)
        self.outer.addLayout(row)
        self._form = f
        self.finish_layout()

    @property
    def stamp(self) -> QLineEdit:
        return self.stamps[0]

    def _due(self, n: int) -> Decimal | None:
        d = self.dossier
        if d is None or n >= len(d.requests) or d.civil.birth_date is None:
            return None
        r = d.requests[n]
        if not (r.title and r.reason):
            return None
        return fee_due(r.title, r.reason, d.civil.birth_date, self.ctx.today(), self.ctx.rules())

    def entered(self) -> None:
        d = self.dossier
        if d is None or d.civil.birth_date is None or any(r.title is None or r.reason is None for r in d.requests):
            self.status.setText(message("fee.unknown"))
            return
        lines = []
        for n, (text, stamp, verdict) in enumerate(zip(self.stamp_labels, self.stamps, self.verdicts, strict=True)):
            due = self._due(n)
            for w in (stamp, verdict):
                self._form.setRowVisible(w, due is not None)
            if due is None:
                continue
            request = d.requests[n]
            assert request.title is not None
            stamp.setEnabled(due > 0)
            title = label(f"demande.{request.title.value}")
            text.setText(label("fee.stamp_for", title=title) if len(d.requests) > 1 else label("fee.stamp"))
            line = message("fee.none") if due == Decimal(0) else message("fee.due", amount=due)
            lines.append(f"{title} : {line}" if len(d.requests) > 1 else line)
        self.status.setText("\n".join(lines))

    def load(self, d: Dossier) -> None:
        super().load(d)
        for n, (stamp, verdict) in enumerate(zip(self.stamps, self.verdicts, strict=True)):
            stamp.setText(d.requests[n].fee_stamp if n < len(d.requests) else "")
            verdict.setText("")

    def save(self, d: Dossier) -> None:
        for n, request in enumerate(d.requests[:len(self.stamps)]):
            number = self._typed(n)
            if number != request.fee_stamp:  # another stamp: what was said of the last one no longer holds
                request.fee_stamp = number
                request.stamp_check = type(request.stamp_check)()

    def _typed(self, n: int) -> str:
        return self.stamps[n].text().replace(" ", "").replace("_", "")

    # Online check ------------------------------------------------------------------------------------------

    def check(self, n: int) -> None:
        """Ask the CERT about the stamp just typed (16 digits), off the GUI thread."""
        d, due = self.dossier, self._due(n)
        if d is None or due is None or due <= 0 or len(self._typed(n)) != 16:
            return
        self.save(d)
        request = d.requests[n]
        number, config, today, rules = request.fee_stamp, self.ctx.config, self.ctx.today(), self.ctx.rules()
        self.verdicts[n].setText(message("fee.checking"))

        def ask():
            from sync.online_checks.fee_stamp import check_dossier_stamp

            with cert_client(config) as client:
                return check_dossier_stamp(client, d, today, request, rules)

        def answered(verdict) -> None:
            if record_stamp(request, number, verdict):  # the agent has not typed another one meanwhile
                self.verdicts[n].setText(verdict.message)

        self.ctx.calls.spawn(ask, on_done=answered, on_error=lambda e: self.verdicts[n].setText(agent_message(e)))

    def scan_flashcode(self) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(message("barcode.waiting"))
        self.ctx.calls.run(self.ctx.devices.barcode.call("read", 15.0), self._scanned, self._scan_failed)

    def _scanned(self, code: Barcode) -> None:
        from sync.errors import SyncError
        from sync.online_checks.flashcode import parse_fee_stamp_payload

        self.scan_button.setEnabled(True)
        try:
            number = parse_fee_stamp_payload(code.text)
        except SyncError as exc:
            self.status.setText(exc.message)
            return
        # The first stamp still to give, in the order of the titles.
        n = next((i for i in range(len(self.stamps)) if (self._due(i) or 0) > 0 and len(self._typed(i)) != 16), 0)
        self.stamps[n].setText(number)
        self.check(n)

    def _scan_failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(agent_message(error))
