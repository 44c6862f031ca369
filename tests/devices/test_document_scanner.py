from __future__ import annotations

import numpy as np

from devices.document_scanner import SimulatedDocumentScanner
from tests.devices.threads import off_main


def test_scan_is_an_a4_page_at_150_dpi(device_settings):
    scanner = SimulatedDocumentScanner.from_settings(device_settings)
    page = off_main(scanner.scan, 5.0)
    assert page.dpi == 150
    h, w = page.image.shape[:2]
    assert page.image.dtype == np.uint8 and page.image.shape[2] == 3
    assert abs(w / 150 * 25.4 - 210) < 3 and abs(h / 150 * 25.4 - 297) < 3
    assert page.image.mean() > 180  # mostly white paper with dark print
    assert page.image.min() < 80
