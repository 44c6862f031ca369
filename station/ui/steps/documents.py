"""The supporting documents step: the documents this application needs (enrollment/documents_required.py:
from the titles, reasons, age, nationality and COMEDEC's answer), which are received and which are still
missing. A scan (one page from the glass, or every page in the feeder) is straightened and cut to the paper
off the GUI thread (enrollment/documents/page.py) and shown for review: the agent keeps it, and its pages are
added to the document chosen, or scans again. A document may have several pages. In a
couplée application what one request needs (the previous title it renews…) is listed and scanned per title,
and goes to that title's dossier only. A previous title's page has its MRZ read (off the GUI thread): the
title's kind and number go to the request step as a typed MRZ would, or the French reason it could not be
read is shown and the agent types them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from devices.document_scanner import ScannedPage
from enrollment.documents_required import required_documents
from enrollment.model import Document, DocumentKind, Dossier, TitleType

from ...strings import label, message
from ..notifications import agent_message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes, png_bytes, side_by_side
from .base import Step

if TYPE_CHECKING:
    from enrollment.documents.page import PreparedPage  # with OpenCV: loaded at the first scan, not with the window


class DocumentsStep(Step):
    key = "justificatifs"
    # The PreviousTitle read from a scanned title's MRZ, and the title whose request it is for (None: one request).
    previous_title_read = Signal(object, object)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.preview = Preview(360, 480, "")  # large enough to judge a scan before keeping it
        self.checklist = QLabel("")
        self.checklist.setWordWrap(True)
        self.kind = QComboBox()  # its data is the kind; `_choices` pairs each entry with its title
        self._choices: list[tuple[DocumentKind, TitleType | None]] = []
        self.scan_button = button(label("documents.scan"), primary=True)
        self.scan_button.clicked.connect(lambda: self.scan(*self._chosen()))
        self.feeder_button = button(label("documents.scan_feeder"))
        self.feeder_button.clicked.connect(lambda: self.scan(*self._chosen(), feeder=True))
        self.keep_button = button(label("documents.keep"), primary=True)
        self.keep_button.clicked.connect(self.keep)
        self.discard_button = button(label("documents.discard"))
        self.discard_button.clicked.connect(self.discard)
        # The scan under review: its pages and what they are for, until kept or discarded.
        self._pending: tuple[Dossier, DocumentKind, TitleType | None, list[PreparedPage]] | None = None
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
        scans = QHBoxLayout()
        scans.addWidget(self.scan_button)
        scans.addWidget(self.feeder_button)
        column.addLayout(scans)
        review = QHBoxLayout()
        review.addWidget(self.keep_button)
        review.addWidget(self.discard_button)
        column.addLayout(review)
        column.addWidget(self.restart_button)
        column.addWidget(self.twoddoc)
        column.addWidget(self.mrz)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(column, 1)
        row.addWidget(self.preview)
        self.outer.addLayout(row)
        self.finish_layout()
        self._show_review(False)

    def entered(self) -> None:
        self._refresh()

    def load(self, d: Dossier) -> None:
        super().load(d)
        self._pending = None  # a scan under review belongs to the dossier it was made for
        self._show_review(False)
        self.preview.show_pixmap(pixmap_from_bytes(d.documents[-1].png) if d.documents else None)
        self.twoddoc.setText("")  # the last page read may be another applicant's, with their name and address
        self._refresh()

    def _refresh(self) -> None:
        """The checklist, and the documents offered: what is required first (the first missing one chosen),
        then any other kind the agent may add."""
        d = self.dossier
        if d is None:
            return
        required = required_documents(d, self.ctx.today(), self.ctx.rules())
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

    def scan(self, kind: DocumentKind, title: TitleType | None = None, *, feeder: bool = False) -> None:
        """Scan the glass (one page) or the feeder (every page in it); the pages then wait for review."""
        self.scan_button.setEnabled(False)
        self.feeder_button.setEnabled(False)
        self.status.setText(message("scan.capturing"))
        dossier = self.dossier
        call = self.ctx.devices.document_scanner.call("scan_feeder" if feeder else "scan", 120.0 if feeder else 60.0)
        self.ctx.calls.run(call, lambda pages: self._prepare(dossier, kind, title, pages), self._failed)

    def _prepare(self, dossier: Dossier | None, kind: DocumentKind, title: TitleType | None,
                 scanned: ScannedPage | list[ScannedPage]) -> None:
        from enrollment.documents.page import prepare_page

        pages = scanned if isinstance(scanned, list) else [scanned]
        self.ctx.calls.spawn(lambda: [prepare_page(p.image, p.dpi) for p in pages],
                             on_done=lambda prepared: self._review(dossier, kind, title, prepared),
                             on_error=self._failed)

    def _review(self, dossier: Dossier | None, kind: DocumentKind, title: TitleType | None,
                prepared: list[PreparedPage]) -> None:
        if dossier is None or self.dossier is not dossier:
            self._enable_scans()
            return  # the agent opened another dossier meanwhile: these pages are not its
        self._pending = (dossier, kind, title, prepared)
        self.preview.show_pixmap(pixmap_from_array(side_by_side([p.image for p in prepared])))
        self._show_review(True)
        self.status.setText(message("documents.review", name=_name(kind, title), count=len(prepared)))
        self.keep_button.setFocus()

    def keep(self) -> None:
        """The pages under review go to the document they were scanned for."""
        if self._pending is None or self._pending[0] is not self.dossier:
            return
        dossier, kind, title, prepared = self._pending
        self._pending = None
        self._show_review(False)
        first = 1 + sum(1 for d in dossier.documents if d.kind is kind and d.title is title)
        added = [Document(kind=kind, png=png_bytes(p.image), dpi=p.dpi, page=first + i, title=title)
                 for i, p in enumerate(prepared)]
        dossier.documents = [*dossier.documents, *added]
        self.status.setText(message("scan.page_added", name=_name(kind, title), page=added[-1].page)
                            if len(added) == 1 else
                            message("scan.pages_added", name=_name(kind, title), count=len(added)))
        self._refresh()
        if kind is DocumentKind.PROOF_OF_ADDRESS:
            self._check_2ddoc(added[0], prepared[0].image)  # a bill's 2D-Doc is on its first page
        elif kind is DocumentKind.PREVIOUS_TITLE:
            self._read_mrz(prepared[0].image, title)

    def discard(self) -> None:
        """The pages under review are dropped (crooked, the wrong paper, a page missing): scan again."""
        self._pending = None
        self._show_review(False)
        d = self.dossier
        self.preview.show_pixmap(pixmap_from_bytes(d.documents[-1].png) if d and d.documents else None)
        self.status.setText(message("documents.discarded"))

    def _show_review(self, reviewing: bool) -> None:
        self.keep_button.setVisible(reviewing)
        self.discard_button.setVisible(reviewing)
        self.keep_button.setEnabled(reviewing)
        self.scan_button.setEnabled(not reviewing)
        self.feeder_button.setEnabled(not reviewing)
        self.kind.setEnabled(not reviewing)

    def _enable_scans(self) -> None:
        if self._pending is None:
            self._show_review(False)

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
        config, today, reference = self.ctx.config, self.ctx.today(), self.ctx.reference

        def verify():
            from enrollment.documents.twoddoc import verify_2ddoc

            return verify_2ddoc(grey, reference.twoddoc_trust(), today,
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
        self._enable_scans()
        self.status.setText(agent_message(error))


def _name(kind: DocumentKind, title: TitleType | None) -> str:
    """A document's name in the list, with the title it is for in a couplée application."""
    name = label(f"documents.kind.{kind.value}")
    return label("documents.for_title", name=name, title=label(f"demande.{title.value}")) if title else name
