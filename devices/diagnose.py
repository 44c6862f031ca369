"""Run a device's self-check: the one place that knows which kind's diagnose module checks which driver.

A driver never imports its kind's diagnose module (an import-linter contract holds it): the diagnosis
imports the driver it checks, and whoever wants a diagnosis (the registry's handles for `station diagnose`
and the diagnostics page, the card and store-key checks) comes here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from devices.base import Driver
from devices.diagnosis import Diagnosis
from devices.worker import assert_not_gui_thread

# Each kind's diagnosis, imported when a technician asks for it: they bring X.509, OpenCV and USB code
# that the station's start need not load (the login screen waits for every import on the way).
_BY_KIND: dict[str, tuple[str, str]] = {
    "barcode": ("devices.barcode.diagnose", "diagnose_reader"),
    "camera": ("devices.camera.diagnose", "diagnose_camera"),
    "document_scanner": ("devices.document_scanner.diagnose", "diagnose_scanner"),
    "printer": ("devices.printer.diagnose", "diagnose_printer"),
    "fingerprint": ("devices.fingerprint.diagnose", "diagnose_scanner"),
    "signature_pad": ("devices.signature_pad.diagnose", "diagnose_pad"),
    "smartcard": ("devices.smartcard.diagnose", "diagnose_reader"),
    "tpm": ("devices.tpm.diagnose", "diagnose_tpm"),
}


# Implementations whose check is their interface's, not their kind's (an SBI scanner has no platen image).
_BY_IMPLEMENTATION: dict[str, tuple[str, str]] = {
    "sbi": ("devices.sbi.diagnose", "diagnose_sbi"),
}


def diagnose(driver: Driver) -> Diagnosis:
    """Check the device end to end; never raises, reports failures as failed checks. Runs on its worker."""
    assert_not_gui_thread()
    module, function = _BY_IMPLEMENTATION.get(driver.implementation) or _BY_KIND[driver.kind]
    check: Callable[[Driver], Diagnosis] = getattr(importlib.import_module(module), function)
    return check(driver)
