"""Printing through the real CUPS stack: pycups → a private cupsd → its socket backend → hw-mocks' network
printer (AppSocket). What the agent would notice: the document comes out as sent, and each reason it does
not is said in French (the printer off, the queue paused), with nothing left to come out later."""

from __future__ import annotations

import pytest

from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.printer import CupsPrinter
from devices.printer.cups_printer import describe
from tests.devices.threads import off_main

PDF = b"%PDF-1.4\n% test page, no personal data\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _printer(hw_mocks) -> CupsPrinter:
    return CupsPrinter(hw_mocks.printer_queue, str(hw_mocks.cupsd.socket_path))


def test_a_pdf_reaches_the_printer_byte_for_byte(hw_mocks):
    job = off_main(_printer(hw_mocks).print_pdf, PDF, "Recepisse")
    assert job.completed and job.queue == hw_mocks.printer_queue
    assert hw_mocks.printed == [PDF]


def test_a_printer_switched_off_is_said_in_french_and_the_job_does_not_come_out_later(hw_mocks):
    printer = _printer(hw_mocks)
    hw_mocks.printer.offline({})
    with pytest.raises(DeviceError) as refused:
        off_main(printer.print_pdf, PDF, "Recepisse", wait_s=3.0)
    assert refused.value.code in ("printer.not_printed", "printer.not_ready")
    assert "ne répond pas" in refused.value.message
    hw_mocks.printer.online({})
    off_main(printer.print_pdf, PDF, "Recepisse")  # back on: the next one prints...
    assert hw_mocks.printed == [PDF]  # ...and only it: the first was cancelled, not kept for later


def test_a_paused_queue_is_refused_before_sending(hw_mocks):
    import cups

    cups.Connection(host=str(hw_mocks.cupsd.socket_path)).disablePrinter(hw_mocks.printer_queue)
    with pytest.raises(DeviceError) as refused:
        off_main(_printer(hw_mocks).print_pdf, PDF, "Recepisse")
    assert refused.value.code == "printer.not_ready" and "suspendue" in refused.value.message
    assert hw_mocks.printed == []


def test_an_unknown_queue_is_named_in_the_message(hw_mocks):
    printer = CupsPrinter("guichet-9", str(hw_mocks.cupsd.socket_path))
    with pytest.raises(DeviceError) as refused:
        off_main(printer.status)
    assert refused.value.code == "printer.unknown_queue" and "guichet-9" in refused.value.message


@pytest.mark.parametrize(("reasons", "words"), [
    (["media-empty-error"], "plus de papier"),
    (["media-jam-error"], "coincé"),
    (["toner-empty-error"], "épuisé"),
    (["door-open-report"], "capot"),
    (["offline-report"], "ne répond pas"),
])
def test_each_blocking_reason_of_a_real_printer_is_said_in_french(reasons, words):
    status = describe("guichet", 3, True, reasons)
    assert not status.ready and words in status.problem


def test_a_low_toner_prints_but_warns():
    status = describe("guichet", 3, True, ["toner-low-report"])
    assert status.ready and "presque vide" in status.warnings[0]


def test_diagnosis_lists_the_queues_and_says_the_station_queue_is_ready(hw_mocks):
    report = off_main(diagnose, _printer(hw_mocks))
    assert report.ok and report.implementation == "cups"
    service, queue = report.checks
    assert hw_mocks.printer_queue in service.detail and "prête" in queue.detail
    assert hw_mocks.printed == []  # no test page
