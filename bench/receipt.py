"""Receipt figures: the récépissé of a couplée application rendered as PDF (content, fonts, QR code), and
printed through the real CUPS stack (pycups, a private cupsd, its socket backend, hw-mocks' network printer)
from the request to the printer holding the whole job."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from bench._timing import Figure, median_ms
from devices.printer import CupsPrinter
from devstation.cups import PrivateCupsd
from devstation.factories import complete_dossier
from enrollment import workflow
from enrollment.model import Reason, TitleRequest, TitleType
from hw_mocks.printer.socket_printer import SocketPrinterSim
from station.applicant_receipt import recepisse, render_pdf

RUNS = 15
PRINTS = 7


def _couplee() -> list:
    draft = complete_dossier()
    draft.requests = [TitleRequest(title=TitleType.PASSPORT, reason=Reason.RENEWAL),
                      TitleRequest(title=TitleType.CNI, reason=Reason.RENEWAL)]
    return workflow.split(draft)


def figures(tmp: Path) -> Iterator[Figure]:
    dossiers = _couplee()
    now = datetime.now()

    def render() -> bytes:
        return render_pdf(recepisse(dossiers, "Mairie de Dijon", "DR-21231-01", "Camille MARTIN", now, now.date()))

    pdf = render()
    yield "receipt.render_recepisse", median_ms(render, RUNS), "ms"

    # Its own folder, not under `tmp` (private to this user): the backends run as the lp user.
    folder = Path(tempfile.mkdtemp(prefix="recueil-bench-cups-"))
    cupsd = PrivateCupsd(folder).start()
    printer_sim = SocketPrinterSim()
    printer_sim.start()
    pool = ThreadPoolExecutor(1, thread_name_prefix="bench-printer")
    try:
        queue = cupsd.add_queue("bench", printer_sim.uri)
        printer = CupsPrinter(queue, str(cupsd.socket_path))
        pool.submit(printer.print_pdf, pdf, "Recepisse").result(60)  # the backend's first start
        yield "receipt.print_recepisse_cups", median_ms(
            lambda: pool.submit(printer.print_pdf, pdf, "Recepisse").result(60), PRINTS), "ms"
        if any(job != pdf for job in printer_sim.jobs):
            raise RuntimeError("the printer did not receive the récépissé as sent")
    finally:
        pool.shutdown()
        printer_sim.close()
        cupsd.stop()
        shutil.rmtree(folder, ignore_errors=True)
