"""A scanned page as the dossier keeps it: the paper found on the glass, upright, cut out, grey, at no
more than 300 dpi. The glasses are the simulated scanner's (hw_mocks/document_scanner/glass.py): a page on
the lid's grey, a page through the feeder on its dark plate, a card in the corner of the glass."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from enrollment.documents.page import prepare_page
from hw_mocks.document_scanner import glass
from hw_mocks.document_scanner.control import draw_page
from hw_mocks.document_scanner.title_page import draw_title, title_zone

A4_300 = (3508, 2480)


def _job(dpi: int = 300) -> dict:
    return {"dpi": dpi, "width": 2550, "height": 3600, "x": 0, "y": 0, "colour": "Grayscale8"}


def _edges(image: np.ndarray, band: int = 6) -> list[float]:
    return [float(image[:band].mean()), float(image[-band:].mean()), float(image[:, :band].mean()),
            float(image[:, -band:].mean())]


@pytest.mark.parametrize(("feeder", "background"), [(False, glass.LID), (True, glass.FEEDER_BACKING)])
def test_a_page_on_the_glass_or_through_the_feeder_comes_out_upright_and_cut_to_the_paper(feeder, background):
    scanned = glass.on_glass(draw_page(), 150, _job(), feeder=feeder)
    page = prepare_page(scanned, 300)
    expected = glass.FEEDER_SKEW_DEG if feeder else glass.GLASS_SKEW_DEG
    assert page.cropped and page.dpi == 300 and page.image.ndim == 2
    assert abs(page.skew_deg - expected) < 0.2
    h, w = page.image.shape
    assert abs(h - A4_300[0]) < 0.01 * A4_300[0] and abs(w - A4_300[1]) < 0.01 * A4_300[1]  # the A4 sheet
    # No band of lid or feeder plate left along any edge: each edge is the paper's (its own shading aside).
    assert all(edge > background + 5 for edge in _edges(page.image))


def test_a_card_in_the_corner_of_the_glass_is_cut_out_at_its_own_size():
    card = draw_title(title_zone("cnie", "X4RTBPFW4"), 300)
    page = prepare_page(glass.on_glass(card, 300, _job(), feeder=False), 300)
    assert page.cropped
    h, w = page.image.shape
    assert abs(w - card.shape[1]) < 20 and abs(h - card.shape[0]) < 20  # 85.6 × 54 mm, not the A4 glass


def test_a_page_the_lid_does_not_set_off_is_straightened_by_its_text_and_not_cut():
    paper = draw_page()  # its print is turned 0.5° on the sheet
    h, w = paper.shape[:2]
    turned = cv2.warpAffine(paper, cv2.getRotationMatrix2D((w / 2, h / 2), 2.0, 1.0), (w, h),
                            borderValue=(248, 248, 248))  # a white lid: no edge to find
    page = prepare_page(turned, 150)
    assert not page.cropped and page.image.shape == (h, w)
    assert abs(page.skew_deg - 2.5) < 0.3


def test_an_upright_page_filling_the_glass_is_left_as_it_is():
    paper = np.full((1754, 1240), 250, np.uint8)
    for y in range(200, 1600, 40):
        cv2.line(paper, (100, y), (1100, y), 30, 6)
    page = prepare_page(paper, 150)
    assert not page.cropped and abs(page.skew_deg) < 0.1
    assert np.array_equal(page.image, paper)


def test_a_600_dpi_scan_is_kept_at_300_dpi():
    scanned = glass.on_glass(draw_page(), 150, _job(600), feeder=True)
    page = prepare_page(scanned, 600)
    assert page.dpi == 300
    assert abs(page.image.shape[0] - A4_300[0]) < 0.01 * A4_300[0]
