"""MRZ-from-scan figure: the median time to read a previous title's MRZ from its 300 dpi scan, from the
pixels to the verified PreviousTitle (zone search, filler test, one Tesseract run, check digits), over the
passport and CNIe titles the simulated scanner draws. Tesseract runs as a child process, so the figure
includes its start-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from enrollment.mrz_image import previous_title_from_image
from hw_mocks.document_scanner.title_page import draw_title, title_zone

Figure = tuple[str, float, str]
ROUNDS = 5


def figures(tmp: Path) -> Iterator[Figure]:
    scans = [draw_title(title_zone("passport", "21AB12345"), dpi=300),
             draw_title(title_zone("cnie", "X4RTBPFW4"), dpi=300)]
    previous_title_from_image(scans[0])  # the first call loads pytesseract and OpenCV
    samples = []
    for _ in range(ROUNDS):
        for scan in scans:
            t = time.perf_counter()
            previous_title_from_image(scan)
            samples.append((time.perf_counter() - t) * 1000)
    yield ("enrollment.mrz_from_scan_300dpi", round(statistics.median(samples), 1), "ms")
