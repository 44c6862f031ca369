"""A previous title's MRZ read from its scan with the real OCR engine (Tesseract) on titles drawn as the
simulated scanner draws them (OCR-B, zones from the `mrz` package): read when the scan is clean, coarser,
turned or noisy; refused in French when a check digit is wrong or there is no MRZ."""

from __future__ import annotations

import pytest

from enrollment.errors import EnrollmentError
from enrollment.mrz_image import mrz_from_image, previous_title_from_image
from enrollment.mrz_image.glyphs import digits_where_numeric, settle_zero_and_o
from enrollment.request import PreviousTitle, PreviousTitleKind
from hw_mocks.document_scanner.control import draw_page
from hw_mocks.document_scanner.title_page import draw_title, title_zone

PASSPORT, CNIE = "21AB12345", "X4RTBPFW4"


@pytest.mark.parametrize(("kind", "number", "expected"), [
    ("passport", PASSPORT, PreviousTitleKind.PASSPORT), ("cnie", CNIE, PreviousTitleKind.CNIE)])
def test_a_title_scanned_at_300_dpi_gives_its_kind_and_number_every_check_digit_verified(kind, number, expected):
    title = previous_title_from_image(draw_title(title_zone(kind, number), dpi=300))
    assert title == PreviousTitle(kind=expected, number=number, from_mrz=True)


@pytest.mark.parametrize(("kind", "number", "dpi", "angle", "noise"), [
    ("passport", PASSPORT, 150, 0.0, 0.0),
    ("passport", PASSPORT, 200, 1.0, 8.0),
    ("cnie", CNIE, 300, -2.5, 0.0),
    ("cnie", CNIE, 250, 1.0, 8.0),
    ("cnie", CNIE, 300, 0.0, 12.0),
])
def test_a_coarser_turned_or_noisy_scan_still_reads(kind, number, dpi, angle, noise):
    zone = title_zone(kind, number)
    assert mrz_from_image(draw_title(zone, dpi=dpi, angle_deg=angle, noise=noise, seed=dpi)) == zone


@pytest.mark.parametrize("number", ["D9PCF43ES", "0GEDP84X6", "T0LZR0YRN"])
def test_zeros_and_nines_among_letters_are_read_as_digits(number):
    """The English model reads them as O in a run of capitals; their height says they are digits."""
    title = previous_title_from_image(draw_title(title_zone("cnie", number), dpi=300))
    assert title.number == number


def test_an_identity_card_scanned_too_coarse_to_tell_s_from_8_is_refused_rather_than_read():
    with pytest.raises(EnrollmentError) as refused:
        previous_title_from_image(draw_title(title_zone("cnie", "83CEXYZ86"), dpi=150))
    assert refused.value.code == "mrz.too_coarse"
    assert "300 dpi" in refused.value.message


def test_a_zone_with_one_wrong_check_digit_is_refused_not_corrected():
    zone = title_zone("passport", PASSPORT)
    first, second = zone.splitlines()
    wrong = second[:9] + str((int(second[9]) + 1) % 10) + second[10:]  # the document number's check digit
    image = draw_title(f"{first}\n{wrong}", dpi=300)
    assert mrz_from_image(image).splitlines()[1] == wrong  # read as printed…
    with pytest.raises(EnrollmentError) as refused:
        previous_title_from_image(image)  # …and refused
    assert refused.value.code == "mrz.check_digit"
    assert "chiffre de contrôle" in refused.value.message


def test_a_page_without_an_mrz_says_so_in_french():
    with pytest.raises(EnrollmentError) as refused:
        previous_title_from_image(draw_page())
    assert refused.value.code == "mrz.not_found"
    assert "Aucune bande MRZ" in refused.value.message


def test_look_alike_letters_become_digits_only_where_a_digit_must_stand():
    zone = title_zone("passport", "21AB12345")
    first, second = zone.splitlines()
    misread = second[:13] + "9OO517" + second[19:]  # birth date read with letters O
    assert digits_where_numeric([first, misread]) == [first, second]
    number_misread = "21ABI2345" + second[9:]  # a document number is alphanumeric: left for the check digit
    assert digits_where_numeric([first, number_misread])[1][:9] == "21ABI2345"


def test_zero_and_o_are_told_by_height_where_the_number_allows_both():
    lines = ["IDFRAD0PCF43ES7", "900517"]  # D, P, C, F, E, S letters; 4, 3, 7, 9, 5, 1 digits
    letter, digit = 27, 29
    heights = [[digit if c.isdigit() else letter for c in line] for line in lines]
    misread = ["IDFRADOPCF43ES7", "9OO517"]
    assert settle_zero_and_o(misread, heights) == lines
    coarse = [[14 for _c in line] for line in lines]  # one height for all: left as read
    assert settle_zero_and_o(misread, coarse) == misread


def test_a_station_without_tesseract_says_so_and_the_agent_types_the_number(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(EnrollmentError) as refused:
        previous_title_from_image(draw_title(title_zone("cnie", CNIE), dpi=300))
    assert refused.value.code == "mrz.ocr_missing"
    assert "saisissez le numéro" in refused.value.message
