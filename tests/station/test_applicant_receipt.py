"""The applicant's receipts as PDF, read back as the applicant would read them: what they asked for, what
they paid, what they handed in, what happens next and the reference (as text and as a QR code the counter's
reader decodes), and nothing of them beyond their name."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime

import cv2
import pypdf
import zxingcpp

from devstation.factories import complete_dossier
from enrollment.model import Reason, TitleRequest, TitleType
from station.applicant_receipt import handover_receipt, recepisse, render_pdf
from station.applicant_receipt.content import QR_PREFIX

NOW = datetime(2026, 12, 5, 9, 30)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _qr_codes(pdf: bytes, folder) -> list[str]:
    """The codes a reader finds on the page as printed (rasterised at 150 dpi by poppler's pdftoppm)."""
    (folder / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(folder / "r.pdf"), str(folder / "r")],
                   check=True)
    image = cv2.imread(str(folder / "r.png"), cv2.IMREAD_GRAYSCALE)
    return [r.text for r in zxingcpp.read_barcodes(image)]


def _couplee():
    passport = complete_dossier()
    passport.requests = [TitleRequest(title=TitleType.PASSPORT, reason=Reason.RENEWAL)]
    card = passport.model_copy(deep=True, update={"id": "5b0c8a4e-1111-4a2b-9c3d-000000000002"})
    card.requests = [TitleRequest(title=TitleType.CNI, reason=Reason.RENEWAL)]
    return passport, card  # the application's documents in both, as the split leaves them


def test_the_recepisse_says_what_was_asked_paid_and_handed_in_and_what_comes_next():
    passport, card = _couplee()
    pdf = render_pdf(recepisse([passport, card], "Mairie de Dijon", "DR-21231-01", "Camille MARTIN", NOW, NOW.date()))
    text = _text(pdf)
    for expected in ("Récépissé de demande de titre", "Mairie de Dijon", "DR-21231-01", "Camille MARTIN",
                     "05/12/2026 09:30", "Passeport — Renouvellement", "Carte nationale d'identité — Renouvellement",
                     "86,00 €", "gratuit", passport.id, card.id, "Justificatif de domicile (1 page(s))",
                     "3 mois", "SMS"):
        assert expected in text, expected
    assert passport.civil.surname in text  # the name: the applicant recognises their paper


def test_the_recepisse_carries_no_personal_data_beyond_the_name():
    passport, card = _couplee()
    text = _text(render_pdf(recepisse([passport, card], "Mairie de Dijon", "DR-21231-01", "Camille MARTIN", NOW,
                                      NOW.date())))
    c, a = passport.civil, passport.address
    for private in (c.birth_date.strftime("%d/%m/%Y"), c.birth_date.isoformat(), c.birth_place, a.line1,
                    a.postcode, passport.contact.phone, passport.contact.email):
        assert private and private not in text, private


def test_the_qr_code_gives_back_the_dossier_references(tmp_path):
    passport, card = _couplee()
    pdf = render_pdf(recepisse([passport, card], "Mairie de Dijon", "DR-21231-01", "Camille MARTIN", NOW, NOW.date()))
    assert _qr_codes(pdf, tmp_path) == [f"{QR_PREFIX}{passport.id},{card.id}"]


def test_a_minor_s_recepisse_says_the_parent_comes_with_them():
    child = complete_dossier(birth=date(2014, 6, 1))
    text = _text(render_pdf(recepisse([child], "Mairie de Dijon", "DR-21231-01", "Camille MARTIN", NOW, NOW.date())))
    assert "accompagné du parent" in text


def test_the_handover_attestation_uses_the_same_renderer(tmp_path):
    pdf = render_pdf(handover_receipt("Passeport", "23LL59181", "Jean DUPONT", "Mairie de Dijon", "DR-21231-01",
                                      "Camille MARTIN", NOW))
    text = _text(pdf)
    assert "Attestation de remise de titre" in text and "Passeport n° 23LL59181" in text and "Jean DUPONT" in text
    assert _qr_codes(pdf, tmp_path) == []
