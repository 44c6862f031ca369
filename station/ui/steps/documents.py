"""The supporting documents step: the documents this application needs (enrollment/documents_required.py:
from the titles, reasons, age, nationality and COMEDEC's answer), which are received and which are still
missing; each scanned page is added to the document chosen, so a document may have several pages. A
previous title's page has its MRZ read (off the GUI thread): the title's kind and number go to the request
step as a typed MRZ would, or the French reason it could not be read is shown and the agent types them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from devices.document_scanner import ScannedPage
from enrollment.documents_required import required_documents
from enrollment.model import Document, DocumentKind, Dossier

from ...strings import label, message
from ..notifications import agent_message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes, png_bytes
from .base import Step


class DocumentsStep(Step):
    key = "justificatifs"
    previous_title_read = Signal(object)  # the PreviousTitle read from a scanned title's MRZ

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.preview = Preview(240, 320, "")
        self.checklist = QLabel("")
        self.checklist.setWordWrap(True)
        self.kind = QComboBox()
        self.scan_button = button(label("documents.scan"), primary=True)
        self.scan_button.clicked.connect(lambda: self.scan(DocumentKind(self.kind.currentData())))
        self.twoddoc = QLabel("")  # the proof of address's 2D-Doc, as verified
        self.twoddoc.setWordWrap(True)
        self.mrz = QLabel("")  # the previous title's MRZ, as read on its scan
        self.mrz.setWordWrap(True)
        self.restart_button = button(label("documents.restart"))
        self.restart_button.clicked.connect(self.restart)
        column = QVBoxLayout()
        column.addWidget(QLabel(label("documents.required")))
        column.addWidget(self.checklist)
        column.addWidget(QLabel(label("documents.kind")))
        column.addWidget(self.kind)
        column.addWidget(self.scan_button)
        column.addWidget(self.restart_button)
        column.addWidget(self.twoddoc)
        column.addWidget(self.mrz)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(column, 1)
        row.addWidget(self.preview)
        self.outer.addLayout(row)
        self.finish_layout()

    def entered(self) -> None:
        self._refresh()

    def load(self, d: Dossier) -> None:
        super().load(d)
        self.preview.show_pixmap(pixmap_from_bytes(d.documents[-1].png) if d.documents else None)
        self._refresh()

    def _refresh(self) -> None:
        """The checklist, and the kinds offered: what is required first (the first missing one chosen), then
        any other kind the agent may add."""
        d = self.dossier
        if d is None:
            return
        required = [r.kind for r in required_documents(d, self.ctx.today())]
        pages = {k: sum(1 for doc in d.documents if doc.kind is k) for k in DocumentKind}
        self.checklist.setText("\n".join(
            message("documents.received" if pages[k] else "documents.missing", name=label(f"documents.kind.{k.value}"),
                    pages=pages[k]) for k in required))
        kinds = required + [k for k in DocumentKind if k not in required]
        self.kind.clear()
        for k in kinds:
            self.kind.addItem(label(f"documents.kind.{k.value}"), k)
        missing = [k for k in required if not pages[k]]
        self.kind.setCurrentIndex(kinds.index(missing[0]) if missing else 0)

    def scan(self, kind: DocumentKind) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(message("scan.capturing"))
        self.ctx.calls.run(self.ctx.devices.document_scanner.call("scan", 60.0),
                           lambda page: self._scanned(kind, page), self._failed)

    def _scanned(self, kind: DocumentKind, page: ScannedPage) -> None:
        self.scan_button.setEnabled(True)
        if self.dossier is None:
            return
        import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window

        grey = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) if page.image.ndim == 3 else page.image
        number = 1 + sum(1 for d in self.dossier.documents if d.kind is kind)
        self.dossier.documents = [*self.dossier.documents,
                                  Document(kind=kind, png=png_bytes(grey), dpi=page.dpi, page=number)]
        self.preview.show_pixmap(pixmap_from_array(page.image))
        self.status.setText(message("scan.page_added", name=label(f"documents.kind.{kind.value}"), page=number))
        self._refresh()
        if kind is DocumentKind.PROOF_OF_ADDRESS:
            self._check_2ddoc(self.dossier.documents[-1], grey)
        elif kind is DocumentKind.PREVIOUS_TITLE:
            self._read_mrz(grey)

    def _read_mrz(self, grey) -> None:
        """Read the previous title's MRZ off the GUI thread (OCR takes about half a second)."""
        from enrollment.mrz_image import previous_title_from_image

        self.mrz.setText(message("documents.mrz_reading"))
        dossier = self.dossier
        self.ctx.calls.spawn(lambda: previous_title_from_image(grey), on_done=lambda t: self._mrz_read(dossier, t),
                             on_error=lambda e: self.mrz.setText(agent_message(e)))

    def _mrz_read(self, dossier: Dossier | None, title) -> None:
        if self.dossier is not dossier:  # the agent opened another dossier meanwhile: not its title
            return
        self.mrz.setText(message("documents.mrz_read", kind=label(f"demande.previous.{title.kind.value}"),
                                 number=title.number))
        self.previous_title_read.emit(title)

    def _check_2ddoc(self, document: Document, grey) -> None:
        """Read and verify the page's 2D-Doc off the GUI thread; its verdict stays with the page, and the
        name and address it carries are shown beside those typed."""
        config, today = self.ctx.config, self.ctx.today()

        def verify():
            from enrollment.documents.twoddoc import verify_2ddoc

            from ...twoddoc_trust import station_trust_list

            return verify_2ddoc(grey, station_trust_list(config.twoddoc_trust_path), today,
                                config.documents.proof_of_address_max_age_days)

        self.twoddoc.setText(message("documents.twoddoc_checking"))
        self.ctx.calls.spawn(verify, on_done=lambda v: self._verified(document, v),
                             on_error=lambda e: self.twoddoc.setText(agent_message(e)))

    def _verified(self, document: Document, verdict) -> None:
        document.twoddoc = verdict.verdict.value
        lines = [verdict.message_fr]
        d = self.dossier
        if verdict.fields is not None and d is not None:
            h = verdict.fields.holder
            lines.append(message("documents.twoddoc_holder", name=h.name, address=" ".join(
                [*h.address_lines, h.postcode, h.commune])))
            lines.append(message("documents.twoddoc_typed", name=f"{d.civil.given_names} {d.civil.surname}",
                                 address=f"{d.address.line1} {d.address.postcode} {d.address.city}"))
        self.twoddoc.setText("\n".join(lines))

    def restart(self) -> None:
        """The chosen document's pages go: a page scanned crooked or the wrong paper is scanned again."""
        if self.dossier is None or self.kind.currentData() is None:
            return
        kind = DocumentKind(self.kind.currentData())  # Qt hands the enum back as its text
        self.dossier.documents = [d for d in self.dossier.documents if d.kind is not kind]
        self.preview.show_pixmap(None)
        self._refresh()

    def _failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(agent_message(error))
