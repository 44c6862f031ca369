"""The 2D-Doc read from a scanned page: the DataMatrix printed on an A4 page, saved as PNG and read back
at the resolutions a mairie's scanner uses, gives the same verdict as the code's text."""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
import pytest
from PIL import Image

from devstation.twoddoc_maker import make_authority, make_message, page_png, tamper, trust_list_json
from enrollment.documents.twoddoc import Verdict, load_trust_list, verify_2ddoc

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture(scope="module")
def trust(authority):
    return load_trust_list(trust_list_json(authority))


def _scan(png: bytes, mode: str = "L") -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert(mode))


@pytest.mark.parametrize("dpi", [200, 300])
def test_a_scanned_page_round_trips_through_png_to_a_valid_verdict(authority, trust, dpi) -> None:
    page = _scan(page_png(make_message(authority, TODAY - timedelta(days=20)), dpi=dpi))
    v = verify_2ddoc(page, trust, TODAY)
    assert v.verdict is Verdict.VALID
    assert v.fields is not None and v.fields.holder.postcode == "75011"


def test_a_colour_scan_is_read_too(authority, trust) -> None:
    page = _scan(page_png(make_message(authority, TODAY - timedelta(days=20))), "RGB")
    assert verify_2ddoc(page, trust, TODAY).verdict is Verdict.VALID


def test_a_tampered_code_on_a_page_is_flagged(authority, trust) -> None:
    page = _scan(page_png(tamper(make_message(authority, TODAY - timedelta(days=20)))))
    assert verify_2ddoc(page, trust, TODAY).verdict is Verdict.INVALID_SIGNATURE


def test_a_page_with_a_datamatrix_that_is_no_2ddoc_is_not_2ddoc(trust) -> None:
    page = _scan(page_png("REF CLIENT 000123456 - MERCI DE VOTRE CONFIANCE"))
    assert verify_2ddoc(page, trust, TODAY).verdict is Verdict.NOT_2DDOC


def test_a_page_with_no_code_is_not_2ddoc(trust) -> None:
    blank = np.full((1200, 900), 245, np.uint8)
    blank[300:320, 100:800] = 40
    assert verify_2ddoc(blank, trust, TODAY).verdict is Verdict.NOT_2DDOC
