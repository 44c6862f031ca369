"""Barcode reader self-check: present and answering. It never reads, so no pending scan is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps

if TYPE_CHECKING:
    from devices.barcode.driver import BarcodeReader


def diagnose_reader(reader: BarcodeReader) -> Diagnosis:
    def ready() -> str:
        reader.ping()
        return strings.check("barcode.ready")

    return run_steps(reader.kind, reader.implementation, [("ready", ready)])
