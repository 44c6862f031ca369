"""Document scanner figures: one A4 page on the glass at 300 dpi, from the scan request to the page ready to
preview (straightened, cut to the paper, grey), through the real SANE stack (python-sane, libsane's escl
backend, hw-mocks' eSCL scanner over loopback HTTP); the page preparation alone; and a two-page bill
through the feeder."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench._timing import Figure, median_ms
from devices.document_scanner import SaneDocumentScanner
from devstation.simulated_devices import private_sane_config
from enrollment.documents.page import prepare_page
from hw_mocks.server import SimServer

RUNS = 7


def figures(tmp: Path) -> Iterator[Figure]:
    server = SimServer(port=0)
    server.start()
    scanner = SaneDocumentScanner(f"escl:{server.scanner_url}", dpi=300,
                                  config_dir=str(private_sane_config(server.scanner_url)))
    pool = ThreadPoolExecutor(1, thread_name_prefix="bench-scanner")  # drivers refuse the main thread
    try:
        def scan_to_preview() -> None:
            page = pool.submit(scanner.scan).result(60)
            prepare_page(page.image, page.dpi)

        scan_to_preview()  # libsane started, the backend loaded: not the figure
        yield "document_scanner.scan_to_preview_a4_300dpi", median_ms(scan_to_preview, RUNS), "ms"
        page = pool.submit(scanner.scan).result(60)
        yield "document_scanner.prepare_page_a4_300dpi", median_ms(lambda: prepare_page(page.image, page.dpi),
                                                                   RUNS), "ms"

        def feeder() -> None:
            server.sims.scanner.feeder({"pages": 2})
            for p in pool.submit(scanner.scan_feeder).result(60):
                prepare_page(p.image, p.dpi)

        yield "document_scanner.feeder_two_pages_to_preview_300dpi", median_ms(feeder, RUNS), "ms"
    finally:
        pool.submit(scanner.close).result(10)
        pool.shutdown()
        server.stop()
