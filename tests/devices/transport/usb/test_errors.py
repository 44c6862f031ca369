"""Every USB driver turns pyusb's failures into the same codes, each with its own French message."""

from __future__ import annotations

import errno

import pytest
import usb.core

from devices import strings
from devices.transport.usb.errors import usb_error


@pytest.mark.parametrize("prefix", ["fingerprint", "signature"])
@pytest.mark.parametrize(("exc", "failure"), [
    (usb.core.USBTimeoutError("timeout", errno=errno.ETIMEDOUT), "no_response"),
    (usb.core.USBError("gone", errno=errno.ENODEV), "unplugged"),
    (usb.core.USBError("busy", errno=errno.EBUSY), "in_use"),
    (usb.core.USBError("denied", errno=errno.EACCES), "in_use"),
    (usb.core.USBError("pipe", errno=errno.EPIPE), "usb_error"),
])
def test_each_usb_failure_has_one_code_and_a_message_of_its_own(prefix, exc, failure):
    error = usb_error(exc, prefix)
    assert error.code == f"{prefix}.{failure}"
    assert error.message == strings.message(error.code, errno=exc.errno)
    assert error.message != strings.message("no.such.code", kind=prefix)  # not the generic fallback


def test_an_unexpected_usb_error_names_its_errno_for_the_technician():
    error = usb_error(usb.core.USBError("pipe", errno=errno.EPIPE), "signature")
    assert str(errno.EPIPE) in error.message
    assert error.details == {"errno": errno.EPIPE}
