"""Document scanner self-check. Simulated: present and answering. SANE: the device opens and says what it
offers (sources, resolutions, modes), then one test scan of the glass is timed (its image is dropped: a
page left on the glass may be an applicant's)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, Step, run_steps
from devices.document_scanner.sane_scanner import SaneDocumentScanner

if TYPE_CHECKING:
    from devices.document_scanner.driver import DocumentScanner


def diagnose_scanner(scanner: DocumentScanner) -> Diagnosis:
    steps = _sane(scanner) if isinstance(scanner, SaneDocumentScanner) else _answering(scanner)
    return run_steps(scanner.kind, scanner.implementation, steps)


def _answering(scanner: DocumentScanner) -> list[Step]:
    def ready() -> str:
        scanner.ping()
        return strings.check("document_scanner.ready")

    return [("ready", ready)]


def _sane(scanner: SaneDocumentScanner) -> list[Step]:
    def device() -> str:
        info = scanner.info()
        return strings.check("document_scanner.sane_device", device=info.device,
                             sources=", ".join(info.sources) or "?",
                             resolutions=", ".join(str(r) for r in info.resolutions) or "?",
                             modes=", ".join(info.modes) or "?")

    def test_scan() -> str:
        started = time.perf_counter()
        page = scanner.scan()
        seconds = time.perf_counter() - started
        h, w = page.image.shape[:2]
        return strings.check("document_scanner.test_scan", width=w, height=h, dpi=page.dpi, seconds=f"{seconds:.1f}")

    return [("device", device), ("scan", test_scan)]
