"""The supporting documents step: the documents this application needs (enrollment/documents_required.py:
from the titles, reasons, age, nationality and COMEDEC's answer), which are received and which are still
missing; each scanned page is added to the document chosen, so a document may have several pages. In a
couplée application what one request needs (the previous title it renews…) is listed and scanned per title,
and goes to that title's dossier only. A previous title's page has its MRZ read (off the GUI thread): the
title's kind and number go to the request step as a typed MRZ would, or the French reason it could not be
read is shown and the agent types them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from devices.document_scanner import ScannedPage
from enrollment.documents_required import required_documents
from enrollment.model import Document, DocumentKind, Dossier, TitleType

from ...strings import label, message
from ..notifications import agent_message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes, png_bytes
from .base import Step


class DocumentsStep(Step):
    key = "justificatifs"
    # The PreviousTitle read from a scanned title's MRZ, and the title whose request it is for (None: one request).
    previous_title_read = Signal(object, object)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.preview = Preview(240, 320, "")
        self.checklist = QLabel("")
        self.checklist.setWordWrap(True)
        self.kind = QComboBox()  # its data is the kind; `_choices` pairs each entry with its title
        self._choices: list[tuple[DocumentKind, TitleType | None]] = []
        self.scan_button = button(label("documents.scan"), primary=True)
        self.scan_button.clicked.connect(lambda: self.scan(*self._chosen()))
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
        self.twoddoc.setText("")  # the last page read may be another applicant's, with their name and address
        self._refresh()

    def _refresh(self) -> None:
        """The checklist, and the documents offered: what is required first (the first missing one chosen),
        then any other kind the agent may add."""
        d = self.dossier
        if d is None:
            return
        required = required_documents(d, self.ctx.today())
        pages = [sum(1 for doc in d.documents if r.met_by(doc)) for r in required]
        self.checklist.setText("\n".join(
            message("documents.received" if n else "documents.missing", name=_name(r.kind, r.title), pages=n)
            for r, n in zip(required, pages, strict=True)))
        kinds = {r.kind for r in required}
        self._choices = [(r.kind, r.title) for r in required] + [(k, None) for k in DocumentKind if k not in kinds]
        self.kind.clear()
        for kind, title in self._choices:
            self.kind.addItem(_name(kind, title), kind)
        missing = [i for i, n in enumerate(pages) if not n]
        self.kind.setCurrentIndex(missing[0] if missing else 0)

    def _chosen(self) -> tuple[DocumentKind, TitleType | None]:
        return self._choices[self.kind.currentIndex()]

    def scan(self, kind: DocumentKind, title: TitleType | None = None) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(message("scan.capturing"))
        self.ctx.calls.run(self.ctx.devices.document_scanner.call("scan", 60.0),
                           lambda page: self._scanned(kind, page, title), self._failed)

    def _scanned(self, kind: DocumentKind, page: ScannedPage, title: TitleType | None = None) -> None:
        self.scan_button.setEnabled(True)
        if self.dossier is None:
            return
        import cv2  # loaded by the engines' warm-up (station/ui/engines_warmup.py), not with the window

        grey = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) if page.image.ndim == 3 else page.image
        number = 1 + sum(1 for d in self.dossier.documents if d.kind is kind and d.title is title)
        self.dossier.documents = [*self.dossier.documents,
                                  Document(kind=kind, png=png_bytes(grey), dpi=page.dpi, page=number, title=title)]
        self.preview.show_pixmap(pixmap_from_array(page.image))
        self.status.setText(message("scan.page_added", name=_name(kind, title), page=number))
        self._refresh()
        if kind is DocumentKind.PROOF_OF_ADDRESS:
            self._check_2ddoc(self.dossier.documents[-1], grey)
        elif kind is DocumentKind.PREVIOUS_TITLE:
            self._read_mrz(grey, title)

    def _read_mrz(self, grey, for_title: TitleType | None) -> None:
        """Read the previous title's MRZ off the GUI thread (OCR takes about half a second)."""
        from enrollment.mrz_image import previous_title_from_image

        self.mrz.setText(message("documents.mrz_reading"))
        dossier = self.dossier
        self.ctx.calls.spawn(lambda: previous_title_from_image(grey),
                             on_done=lambda t: self._mrz_read(dossier, t, for_title),
                             on_error=lambda e: self.mrz.setText(agent_message(e)))

    def _mrz_read(self, dossier: Dossier | None, title, for_title: TitleType | None) -> None:
        if self.dossier is not dossier:  # the agent opened another dossier meanwhile: not its title
            return
        self.mrz.setText(message("documents.mrz_read", kind=label(f"demande.previous.{title.kind.value}"),
                                 number=title.number))
        self.previous_title_read.emit(title, for_title)

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
        if self.dossier is None or not self._choices:
            return
        kind, title = self._chosen()
        self.dossier.documents = [d for d in self.dossier.documents if not (d.kind is kind and d.title is title)]
        self.preview.show_pixmap(None)
        self._refresh()

    def _failed(self, error: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(agent_message(error))


def _name(kind: DocumentKind, title: TitleType | None) -> str:
    """A document's name in the list, with the title it is for in a couplée application."""
    name = label(f"documents.kind.{kind.value}")
    return label("documents.for_title", name=name, title=label(f"demande.{title.value}")) if title else name
