"""Every blocking driver method refuses the main thread (Qt's GUI thread in the station)."""

from __future__ import annotations

import pytest

from devices import open_devices
from devices.diagnose import diagnose

CALLS = [
    ("camera", "info", ()), ("camera", "read_frame", ()), ("camera", "diagnose", ()),
    ("fingerprint", "info", ()), ("fingerprint", "capture", ("2",)), ("fingerprint", "diagnose", ()),
    ("signature_pad", "info", ()), ("signature_pad", "capture", ()), ("signature_pad", "diagnose", ()),
    ("barcode", "read", ()), ("barcode", "diagnose", ()),
    ("document_scanner", "scan", ()), ("document_scanner", "diagnose", ()),
    ("smartcard", "readers", ()), ("smartcard", "card_present", ()), ("smartcard", "connect", ()),
    ("smartcard", "verify_pin", ("1234",)), ("smartcard", "read_certificate", ()),
    ("smartcard", "sign", (b"x",)), ("smartcard", "disconnect", ()), ("smartcard", "diagnose", ()),
    ("smartcard", "status", ()), ("smartcard", "pin_state", ()),
]


@pytest.mark.parametrize(("kind", "method", "args"), CALLS, ids=[f"{k}.{m}" for k, m, _ in CALLS])
def test_driver_methods_raise_on_the_main_thread(kind, method, args, device_settings):
    devices = open_devices(device_settings)
    try:
        driver = devices.handle(kind).driver
        # The self-check is no driver method: devices.diagnose runs it, and it refuses the main thread too.
        call = (lambda: diagnose(driver)) if method == "diagnose" else getattr(driver, method)
        with pytest.raises(RuntimeError, match="main"):
            call(*args)
    finally:
        devices.close()
