"""The receipts as PDF (fpdf2: a maintained pure-Python PDF writer with Unicode TrueType fonts and no system
library; reportlab would do as well but brings its C accelerators for nothing here). A4, one page, the
reference as text and as a QR code (segno) that the counter's barcode reader reads back.

DejaVu Sans (Debian's fonts-dejavu-core, installed with the station) carries every French character; a
machine without it falls back to the PDF core font, whose Latin-1 covers French but the "€" and "œ".
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

from ..strings import label
from .content import Receipt

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BLUE = (0, 0, 145)
_OUTSIDE_LATIN1 = str.maketrans({0x20AC: "EUR", 0x153: "oe"})  # the euro sign and the oe ligature, spelled out
GREY = (90, 90, 90)


def _pdf() -> tuple[FPDF, str]:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return pdf, "DejaVu"
    return pdf, "Helvetica"


def _text(font: str, text: str) -> str:
    if font == "DejaVu":
        return text
    return text.translate(_OUTSIDE_LATIN1).encode("latin-1", "replace").decode("latin-1")


def render_pdf(receipt: Receipt) -> bytes:
    pdf, font = _pdf()
    pdf.set_title(receipt.heading)
    pdf.set_creator("Recueil")
    pdf.add_page()
    t = lambda s: _text(font, s)  # noqa: E731 - one short local alias keeps the layout readable

    pdf.set_font(font, "B", 10)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 5, t(label("receipt.republic")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "B", 18)
    pdf.cell(0, 12, t(receipt.heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*BLUE)
    pdf.line(20, pdf.get_y(), 190, pdf.get_y())
    pdf.ln(4)

    pdf.set_text_color(0, 0, 0)
    facts = [(label("receipt.mairie"), receipt.mairie), (label("receipt.station"), receipt.station_id),
             (label("receipt.agent"), receipt.agent),
             (label("receipt.date"), receipt.issued_at.strftime("%d/%m/%Y %H:%M")),
             (receipt.person_label, receipt.person)]
    for name, value in facts:
        pdf.set_font(font, "B", 11)
        pdf.cell(38, 7, t(name))
        pdf.set_font(font, "", 11)
        pdf.cell(0, 7, t(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    _section(pdf, font, receipt.titles_heading)
    for line in receipt.titles:
        pdf.set_font(font, "B", 12)
        pdf.multi_cell(0, 7, t(line.text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 10)
        for extra in (line.detail, label("receipt.reference", reference=line.reference) if line.reference else ""):
            if extra:
                pdf.multi_cell(0, 6, t(extra), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    if receipt.documents:
        _section(pdf, font, receipt.documents_heading)
        pdf.set_font(font, "", 10)
        for doc in receipt.documents:
            pdf.multi_cell(0, 6, t(f"• {doc}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    if receipt.next_steps:
        _section(pdf, font, label("receipt.next") if receipt.documents else "")
        pdf.set_font(font, "", 10)
        for step in receipt.next_steps:
            pdf.multi_cell(0, 5.5, t(step), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)

    if receipt.qr_payload:
        _qr(pdf, font, receipt.qr_payload)
    return bytes(pdf.output())


def _section(pdf: FPDF, font: str, heading: str) -> None:
    if not heading:
        return
    pdf.ln(2)
    pdf.set_font(font, "B", 12)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 8, _text(font, heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _qr(pdf: FPDF, font: str, payload: str) -> None:
    import segno

    png = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(png, kind="png", scale=8, border=2)
    png.seek(0)
    size = 38
    if pdf.get_y() + size + 12 > pdf.h - 18:
        pdf.add_page()
    y = pdf.get_y() + 4
    pdf.image(png, x=20, y=y, w=size, h=size)
    pdf.set_xy(62, y + 12)
    pdf.set_font(font, "", 9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(128, 5, _text(font, label("receipt.qr_caption")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
