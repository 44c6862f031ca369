"""Printing through CUPS, the print system of Linux (and macOS), with `pycups`: the configured queue, or
the system's default one; its state and reasons told in French; the PDF streamed to the scheduler (no temp
file: a receipt carries the applicant's name) and the job followed until the printer has it.

The scheduler is the system's, or another one named by `cups_server` (a socket path or host:port: the demo's
and the tests' private cupsd). Windows would put its spooler behind the same Printer interface.
"""

from __future__ import annotations

import os
import time
from typing import Any

from devices import strings
from devices.errors import DeviceError
from devices.printer.driver import Printer
from devices.printer.model import PrinterStatus, PrintJob
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

STATES = {3: "idle", 4: "printing", 5: "stopped"}
# IPP printer-state-reasons (RFC 8011 and PWG 5100.9), keyword without its -error/-warning/-report suffix,
# that stop printing, first match wins; then those that only deserve a word to the technician.
BLOCKING = (
    ("media-jam", "printer.jam"),
    ("media-empty", "printer.no_paper"), ("media-needed", "printer.no_paper"),
    ("toner-empty", "printer.no_toner"), ("marker-supply-empty", "printer.no_toner"),
    ("door-open", "printer.cover_open"), ("cover-open", "printer.cover_open"),
    ("offline", "printer.offline"), ("shutdown", "printer.offline"), ("connecting-to-device", "printer.offline"),
    ("timed-out", "printer.offline"),
)
WARNINGS = (("toner-low", "printer.toner_low"), ("marker-supply-low", "printer.toner_low"),
            ("media-low", "printer.paper_low"))
_DONE = {9}  # job-state completed
_FAILED = {7, 8}  # canceled, aborted


def _keyword(reason: str) -> str:
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


def describe(queue: str, state: int, accepting: bool, reasons: list[str]) -> PrinterStatus:
    """A queue's IPP state in French: what stops it (the first blocking reason), else paused or refusing."""
    keywords = [_keyword(r) for r in reasons if r and r != "none"]
    problem = next((strings.message(code) for key, code in BLOCKING if key in keywords), "")
    if not problem and (state == 5 or "paused" in keywords):
        problem = strings.message("printer.paused", queue=queue)
    if not problem and not accepting:
        problem = strings.message("printer.rejecting", queue=queue)
    warnings = [strings.message(code) for key, code in WARNINGS if key in keywords]
    return PrinterStatus(queue=queue, state=STATES.get(state, "stopped"), accepting=accepting, reasons=keywords,
                         problem=problem, warnings=warnings)


class CupsPrinter(Printer):
    implementation = "cups"

    def __init__(self, queue: str = "", server: str = "") -> None:
        self.queue, self.server = queue, server
        self._connection: Any = None
        if server:
            # Everything else in the process that asks libcups (Qt's print dialog) asks the same scheduler.
            # libcups reads this once per thread, at its first use: the driver is built at the station's start.
            os.environ["CUPS_SERVER"] = server

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> CupsPrinter:
        return cls(settings.printer_name, settings.cups_server)

    def queues(self) -> list[str]:
        assert_not_gui_thread()
        return sorted(self._call(lambda c: c.getPrinters()))

    def status(self, queue: str = "") -> PrinterStatus:
        """The state of `queue` ("" = the configured one, else the system's default)."""
        assert_not_gui_thread()
        queue = queue or self._queue()
        attrs = self._call(lambda c: c.getPrinterAttributes(queue, requested_attributes=[
            "printer-state", "printer-state-reasons", "printer-is-accepting-jobs"]))
        reasons = attrs.get("printer-state-reasons", [])
        return describe(queue, int(attrs.get("printer-state", 5)), bool(attrs.get("printer-is-accepting-jobs")),
                        [reasons] if isinstance(reasons, str) else list(reasons))

    def print_pdf(self, pdf: bytes, title: str, wait_s: float = 15.0, queue: str = "", copies: int = 1) -> PrintJob:
        assert_not_gui_thread()
        status = self.status(queue)
        if not status.ready:
            raise DeviceError("printer.not_ready", status.problem, {"reasons": status.reasons})
        queue = status.queue

        def send(c: Any) -> int:
            job = c.createJob(queue, title, {"copies": str(copies)} if copies > 1 else {})
            c.startDocument(queue, job, title, "application/pdf", 1)
            c.writeRequestData(pdf, len(pdf))
            c.finishDocument(queue)
            return int(job)

        job_id = self._call(send)
        deadline = time.monotonic() + wait_s
        while True:
            state = int(self._call(lambda c: c.getJobAttributes(job_id, requested_attributes=["job-state"]))
                        .get("job-state", 3))
            if state in _DONE:
                return PrintJob(queue=queue, job_id=job_id, completed=True)
            if state in _FAILED or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        # Not printed: cancel it rather than let it come out later, unattended, and say why.
        problem = self.status(queue).problem
        try:
            self._call(lambda c: c.cancelJob(job_id))
        except DeviceError:
            pass
        raise DeviceError("printer.not_printed", problem or strings.message("printer.no_answer"), {"job": job_id})

    def close(self) -> None:
        self._connection = None

    # -- CUPS ---------------------------------------------------------------------------------------------

    def _queue(self) -> str:
        if self.queue:
            return self.queue
        default = self._call(lambda c: c.getDefault())
        if not default:
            raise DeviceError("printer.no_queue", strings.message("printer.no_queue"))
        return str(default)

    def _call(self, fn: Any) -> Any:
        import cups

        try:
            if self._connection is None:
                self._connection = cups.Connection(host=self.server) if self.server else cups.Connection()
            return fn(self._connection)
        except cups.IPPError as exc:
            status = exc.args[0] if exc.args else 0
            if status == 0x0406:  # client-error-not-found: the queue is not (or no longer) there
                raise DeviceError("printer.unknown_queue", strings.message("printer.unknown_queue",
                                                                           queue=self.queue)) from None
            raise DeviceError("printer.failed", strings.message("printer.failed"), {"ipp": status}) from None
        except RuntimeError:  # pycups: no scheduler to talk to
            self._connection = None
            raise DeviceError("printer.no_service", strings.message("printer.no_service")) from None
