"""One title request of the application: the title, the reason and, for a replaced title, the previous title
(typed, or its MRZ read with every check digit verified) and the loss or theft declaration's reference.
The request step shows one, or two for a couplée application."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from enrollment.errors import EnrollmentError
from enrollment.request import (
    DECLARED,
    REPLACING,
    PreviousTitle,
    PreviousTitleKind,
    Reason,
    TitleRequest,
    TitleType,
    previous_title,
    previous_title_from_mrz,
)

from ...strings import label
from ..widgets import button


class RequestForm(QWidget):
    read_scan = Signal()  # the agent asks for the previous title's MRZ read on its scanned page

    def __init__(self) -> None:
        super().__init__()
        f = QFormLayout(self)
        f.setContentsMargins(0, 0, 0, 0)
        self.title_box = QComboBox()
        for t in TitleType:
            self.title_box.addItem(label(f"demande.{t.value}"), t)
        self.reason_box = QComboBox()
        for r in Reason:
            self.reason_box.addItem(label(f"reason.{r.value}"), r)
        self.reason_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.previous_kind = QComboBox()
        for k in PreviousTitleKind:
            self.previous_kind.addItem(label(f"demande.previous.{k.value}"), k)
        self.previous_number = QLineEdit()  # a number, or the MRZ as a reader types it
        self.previous_number.setMaxLength(120)
        self.previous_number.setPlaceholderText(label("demande.previous.number_hint"))
        self.previous_number.editingFinished.connect(self._read_mrz)
        self.read_scan_button = button(label("demande.previous.read_scan"))
        self.read_scan_button.clicked.connect(self.read_scan.emit)
        number_row = QWidget()
        row = QHBoxLayout(number_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous_number, 1)
        row.addWidget(self.read_scan_button)
        self.previous_issued = QDateEdit()
        self.previous_issued.setDisplayFormat("dd/MM/yyyy")
        self.previous_issued.setMinimumDate(QDate(1950, 1, 1))
        self.previous_issued.setSpecialValueText("jj/mm/aaaa")
        self.previous_authority = QLineEdit()
        self.previous_authority.setMaxLength(120)
        self.declaration = QLineEdit()
        self.declaration.setMaxLength(60)
        self.note = QLabel("")
        self.note.setObjectName("problem")
        self.note.setWordWrap(True)
        f.addRow(label("demande.title"), self.title_box)
        f.addRow(label("demande.reason"), self.reason_box)
        self._previous_rows = [(label("demande.previous.kind"), self.previous_kind),
                               (label("demande.previous.number"), number_row),
                               (label("demande.previous.issued_on"), self.previous_issued),
                               (label("demande.previous.authority"), self.previous_authority)]
        for text, w in self._previous_rows:
            f.addRow(text, w)
        f.addRow(label("demande.declaration"), self.declaration)
        f.addRow(self.note)
        self._form = f
        self._from_mrz: str | None = None  # the number last read from an MRZ
        self._show_fields()

    def _show_fields(self) -> None:
        reason = self.reason_box.currentData()
        for _text, w in self._previous_rows:
            self._form.setRowVisible(w, reason in REPLACING)
        self._form.setRowVisible(self.declaration, reason in DECLARED)

    def _read_mrz(self) -> None:
        """An MRZ typed by a reader becomes the title's kind and number, or a French line on what is wrong."""
        text = self.previous_number.text()
        if "<" not in text:
            return
        try:
            title = previous_title_from_mrz(text)
        except EnrollmentError as exc:
            self.note.setText(exc.message)
            return
        self.show_previous(title)

    def show_previous(self, title: PreviousTitle) -> None:
        """A previous title read from its MRZ (typed by a reader, or read on its scan) sets the kind and
        number, marked as read from the MRZ while the number stays as read."""
        self.note.setText("")
        self.previous_kind.setCurrentIndex(self.previous_kind.findData(title.kind))
        self.previous_number.setText(title.number)
        self._from_mrz = title.number

    def load(self, r: TitleRequest, default_title: TitleType) -> None:
        self.title_box.setCurrentIndex(self.title_box.findData(r.title or default_title))
        self.reason_box.setCurrentIndex(self.reason_box.findData(r.reason or Reason.FIRST))
        p = r.previous
        self.previous_kind.setCurrentIndex(self.previous_kind.findData(p.kind if p else PreviousTitleKind.CNIE))
        self.previous_number.setText(p.number if p else "")
        self._from_mrz = p.number if p and p.from_mrz else None
        self.previous_issued.setDate(QDate(p.issued_on) if p and p.issued_on else self.previous_issued.minimumDate())
        self.previous_authority.setText(p.authority if p else "")
        self.declaration.setText(r.declaration_reference)
        self.note.setText("")
        self._show_fields()

    def save(self, r: TitleRequest) -> None:
        """Write the form into `r`; a previous title whose number does not fit its kind is kept as typed (the
        summary lists the problem) and said here in French."""
        r.title, r.reason = self.title_box.currentData(), self.reason_box.currentData()
        r.declaration_reference = self.declaration.text().strip() if r.reason in DECLARED else ""
        number = self.previous_number.text().strip()
        if r.reason not in REPLACING or not number:
            r.previous = None
            return
        qd = self.previous_issued.date()
        issued = None if qd == self.previous_issued.minimumDate() else qd.toPython()
        kind = PreviousTitleKind(self.previous_kind.currentData())  # Qt hands the enum back as its text
        try:
            r.previous = previous_title(kind, number, issued, self.previous_authority.text())
        except EnrollmentError as exc:
            self.note.setText(exc.message)
            r.previous = PreviousTitle(kind=kind, number=number.upper(), issued_on=issued,
                                       authority=self.previous_authority.text().strip())
            return
        if self._from_mrz == r.previous.number:
            r.previous.from_mrz = True
