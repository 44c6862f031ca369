"""pyusb's failures as the layer's DeviceError: one converter for every USB driver, one set of codes.

A USB driver names its messages' prefix ("fingerprint", "signature") and the failure picks the rest:

| pyusb sees                  | code                  |
|-----------------------------|-----------------------|
| `USBTimeoutError`           | `<prefix>.no_response` |
| errno `ENODEV`              | `<prefix>.unplugged`  |
| errno `EBUSY` or `EACCES`   | `<prefix>.in_use`     |
| any other `USBError`        | `<prefix>.usb_error` (errno in the message and the details) |

The driver drops its handle first: after any of these the device must be found again on next use.
"""

from __future__ import annotations

import errno
import logging

import usb.core

from devices import strings
from devices.errors import DeviceError

log = logging.getLogger(__name__)

_BY_ERRNO = {errno.ENODEV: "unplugged", errno.EBUSY: "in_use", errno.EACCES: "in_use"}


def usb_error(exc: usb.core.USBError, prefix: str) -> DeviceError:
    """The DeviceError an agent sees for `exc`, under the driver's message `prefix`."""
    if isinstance(exc, usb.core.USBTimeoutError):
        failure = "no_response"
    else:
        failure = _BY_ERRNO.get(exc.errno or 0, "usb_error")
    code = f"{prefix}.{failure}"
    log.warning("USB error", extra={"code": code, "errno": exc.errno})
    return DeviceError(code, strings.message(code, errno=exc.errno or 0), {"errno": exc.errno})
