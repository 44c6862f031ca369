"""USB plumbing shared by the USB device drivers (fingerprint scanner, signature pad).

Drivers call `usb_backend(settings)` and hand the result to `usb.core.find(backend=...)`: None means
pyusb's default (libusb, real hardware); "sim://HOST:PORT" means the emulated devices of hw-mocks.
"""

from __future__ import annotations

import usb.backend

from devices.transport.usb.remote import RemoteBackend

SIM_SCHEME = "sim://"


def usb_backend(spec: str) -> usb.backend.IBackend | None:
    """`spec` is the `usb_backend` setting: "" or "libusb" for real hardware, "sim://host:port" in demos."""
    if not spec or spec == "libusb":
        return None
    if spec.startswith(SIM_SCHEME):
        host, _, port = spec[len(SIM_SCHEME):].rpartition(":")
        return RemoteBackend(host or "127.0.0.1", int(port))
    raise ValueError(f"unknown USB backend {spec!r}: use 'libusb' or 'sim://HOST:PORT'")


__all__ = ["SIM_SCHEME", "RemoteBackend", "usb_backend"]
