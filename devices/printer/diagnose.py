"""Printer self-check: the print system answers and lists its queues, and the station's queue can print
(its state and reasons in French). No test page: paper is the mairie's, and a page nobody asked for is
noise at the counter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.printer.driver import Printer


def diagnose_printer(printer: Printer) -> Diagnosis:
    def service() -> str:
        queues = printer.queues()
        return strings.check("printer.queues", count=len(queues), names=", ".join(queues) or "-")

    def queue() -> str:
        status = printer.status()
        if not status.ready:
            raise DeviceError("printer.not_ready", status.problem)
        state = strings.check(f"printer.state.{status.state}")
        detail = strings.check("printer.ready", queue=status.queue, state=state)
        return " ".join([detail, *status.warnings])

    return run_steps(printer.kind, printer.implementation, [("service", service), ("queue", queue)])
