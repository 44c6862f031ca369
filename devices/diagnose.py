"""Run a device's self-check: the one place that knows which kind's diagnose module checks which driver.

A driver never imports its kind's diagnose module (an import-linter contract holds it): the diagnosis
imports the driver it checks, and whoever wants a diagnosis (the registry's handles for `station diagnose`
and the diagnostics page, the card and store-key checks) comes here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from devices.barcode.diagnose import diagnose_reader as diagnose_barcode
from devices.base import Driver
from devices.camera.diagnose import diagnose_camera
from devices.diagnosis import Diagnosis
from devices.document_scanner.diagnose import diagnose_scanner as diagnose_document_scanner
from devices.fingerprint.diagnose import diagnose_scanner as diagnose_fingerprint
from devices.signature_pad.diagnose import diagnose_pad
from devices.smartcard.diagnose import diagnose_reader as diagnose_smartcard
from devices.tpm.diagnose import diagnose_tpm
from devices.worker import assert_not_gui_thread

_BY_KIND: dict[str, Callable[[Any], Diagnosis]] = {
    "barcode": diagnose_barcode,
    "camera": lambda camera: diagnose_camera(camera, camera.expected()),
    "document_scanner": diagnose_document_scanner,
    "fingerprint": diagnose_fingerprint,
    "signature_pad": diagnose_pad,
    "smartcard": diagnose_smartcard,
    "tpm": diagnose_tpm,
}


def diagnose(driver: Driver) -> Diagnosis:
    """Check the device end to end; never raises, reports failures as failed checks. Runs on its worker."""
    assert_not_gui_thread()
    return _BY_KIND[driver.kind](driver)
