"""A pyusb backend whose bus is a TCP connection to emulated USB devices (hw-mocks).

pyusb lets the transport under `usb.core` be swapped ("backends": libusb1, libusb0, openusb). This is one
more: the driver code above it — `usb.core.find`, `dev.write`, `dev.read`, `ctrl_transfer` — is exactly
what runs on a real scanner through libusb, and failures come back as the same `usb.core.USBError` /
`USBTimeoutError` with the same errno values libusb gives (ETIMEDOUT, ENODEV, EPIPE, EIO).
"""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, TypeVar

import usb.backend
import usb.core

from . import wire

CONNECT_TIMEOUT_S = 3.0
MARGIN_S = 2.0  # beyond a transfer's own timeout, how long the peer may take to answer at all

T = TypeVar("T")


def _field(reply: dict[str, Any], key: str, convert: Callable[[Any], T]) -> T:
    """One field of a bus reply; a reply without it, or with a value of the wrong kind, is an I/O error to
    the driver, as a garbled transfer on a real bus would be (drivers catch USBError, nothing else)."""
    try:
        return convert(reply[key])
    except (KeyError, TypeError, ValueError, OverflowError) as exc:  # binascii.Error is a ValueError
        raise usb.core.USBError(f"malformed reply from the USB bus: {key}", None, wire.ERRNO["io"]) from exc


def _base64(value: Any) -> bytes:
    return base64.b64decode(value, validate=True)


def _ns(fields: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(extra_descriptors=[], **fields)


class _Device:
    """What enumerate_devices yields: the emulated device's id and its descriptor tree."""

    def __init__(self, entry: dict[str, Any]) -> None:
        self.id = entry["id"]
        self.descriptor = _ns({"port_numbers": None, **entry["device"]})
        self.configurations = entry["configurations"]


class RemoteBackend(usb.backend.IBackend):
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()

    # Transport ------------------------------------------------------------------------------------------

    def _call(self, op: str, wait_ms: int | None = None, **fields: Any) -> dict[str, Any]:
        with self._lock:
            try:
                if self._sock is None:
                    self._sock = socket.create_connection((self.host, self.port), CONNECT_TIMEOUT_S)
                wait = None if wait_ms == 0 else (wait_ms or 1000) / 1000 + MARGIN_S
                self._sock.settimeout(wait)
                wire.send(self._sock, {"op": op, **fields})
                reply = wire.receive(self._sock)
            except (OSError, wire.WireError) as exc:
                self._drop()
                # To the driver, a bus that vanished is a device that vanished.
                raise usb.core.USBError(f"USB bus unreachable: {type(exc).__name__}", None,
                                        wire.ERRNO["no_device"]) from exc
        if reply.get("ok") is True:
            return reply
        error = str(reply.get("error", "io"))
        errno = wire.ERRNO.get(error, wire.ERRNO["io"])
        cls = usb.core.USBTimeoutError if error == "timeout" else usb.core.USBError
        raise cls(str(reply.get("detail", error)), None, errno)

    def _drop(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def finalize(self) -> None:
        with self._lock:
            self._drop()

    # Enumeration and descriptors -----------------------------------------------------------------------

    def enumerate_devices(self):
        try:
            entries = _field(self._call("list"), "devices", list)
        except usb.core.USBError:
            return iter(())  # no bus, no devices: find() returns None, as with nothing plugged in
        return iter([_Device(e) for e in entries])

    def get_device_descriptor(self, dev: _Device) -> SimpleNamespace:
        return dev.descriptor

    def get_configuration_descriptor(self, dev: _Device, config: int) -> SimpleNamespace:
        c = dev.configurations[config]
        return _ns({k: v for k, v in c.items() if k != "interfaces"})

    def get_interface_descriptor(self, dev: _Device, intf: int, alt: int, config: int) -> SimpleNamespace:
        i = self._interface(dev, intf, alt, config)
        return _ns({k: v for k, v in i.items() if k != "endpoints"})

    def get_endpoint_descriptor(self, dev: _Device, ep: int, intf: int, alt: int, config: int) -> SimpleNamespace:
        return _ns(self._interface(dev, intf, alt, config)["endpoints"][ep])

    @staticmethod
    def _interface(dev: _Device, intf: int, alt: int, config: int) -> dict[str, Any]:
        candidates = [i for i in dev.configurations[config]["interfaces"]]
        matching = [i for i in candidates if i["bInterfaceNumber"] == intf and i["bAlternateSetting"] == alt]
        return matching[0] if matching else candidates[intf]

    def get_parent(self, dev: _Device) -> None:
        return None

    # Handles ---------------------------------------------------------------------------------------------

    def open_device(self, dev: _Device) -> int:
        return _field(self._call("open", id=dev.id), "handle", int)

    def close_device(self, dev_handle: int) -> None:
        try:
            self._call("close", handle=dev_handle)
        except usb.core.USBError:
            pass  # closing a handle on a device that is gone is not an error worth reporting

    def set_configuration(self, dev_handle: int, config_value: int) -> None:
        self._call("set_configuration", handle=dev_handle, value=config_value)

    def get_configuration(self, dev_handle: int) -> int:
        return _field(self._call("get_configuration", handle=dev_handle), "value", int)

    def set_interface_altsetting(self, dev_handle: int, intf: int, altsetting: int) -> None:
        self._call("set_altsetting", handle=dev_handle, intf=intf, alt=altsetting)

    def claim_interface(self, dev_handle: int, intf: int) -> None:
        self._call("claim", handle=dev_handle, intf=intf)

    def release_interface(self, dev_handle: int, intf: int) -> None:
        self._call("release", handle=dev_handle, intf=intf)

    def is_kernel_driver_active(self, dev_handle: int, intf: int) -> bool:
        return False

    def detach_kernel_driver(self, dev_handle: int, intf: int) -> None:
        return None

    def attach_kernel_driver(self, dev_handle: int, intf: int) -> None:
        return None

    def clear_halt(self, dev_handle: int, ep: int) -> None:
        self._call("clear_halt", handle=dev_handle, ep=ep)

    def reset_device(self, dev_handle: int) -> None:
        self._call("reset", handle=dev_handle)

    # Transfers -------------------------------------------------------------------------------------------

    def bulk_write(self, dev_handle: int, ep: int, intf: int, data, timeout: int) -> int:
        return self._write("bulk_write", dev_handle, ep, data, timeout)

    def bulk_read(self, dev_handle: int, ep: int, intf: int, buff, timeout: int) -> int:
        return self._read("bulk_read", dev_handle, ep, buff, timeout)

    def intr_write(self, dev_handle: int, ep: int, intf: int, data, timeout: int) -> int:
        return self._write("intr_write", dev_handle, ep, data, timeout)

    def intr_read(self, dev_handle: int, ep: int, intf: int, buff, timeout: int) -> int:
        return self._read("intr_read", dev_handle, ep, buff, timeout)

    def _write(self, op: str, dev_handle: int, ep: int, data, timeout: int) -> int:
        payload = base64.b64encode(bytes(data)).decode()
        return _field(self._call(op, wait_ms=timeout, handle=dev_handle, ep=ep, data=payload, timeout_ms=timeout),
                      "count", int)

    def _read(self, op: str, dev_handle: int, ep: int, buff, timeout: int) -> int:
        reply = self._call(op, wait_ms=timeout, handle=dev_handle, ep=ep, size=len(buff), timeout_ms=timeout)
        data = _field(reply, "data", _base64)[: len(buff)]
        buff[: len(data)] = type(buff)(buff.typecode, data) if hasattr(buff, "typecode") else data
        return len(data)

    def ctrl_transfer(self, dev_handle: int, bmRequestType: int, bRequest: int, wValue: int, wIndex: int,  # noqa: N803
                      data, timeout: int) -> int:
        device_to_host = bool(bmRequestType & 0x80)
        fields: dict[str, Any] = dict(handle=dev_handle, bmRequestType=bmRequestType, bRequest=bRequest,
                                      wValue=wValue, wIndex=wIndex, timeout_ms=timeout)
        if device_to_host:
            reply = self._call("ctrl", wait_ms=timeout, length=len(data), **fields)
            got = _field(reply, "data", _base64)[: len(data)]
            data[: len(got)] = type(data)(data.typecode, got) if hasattr(data, "typecode") else got
            return len(got)
        payload = base64.b64encode(bytes(data or b"")).decode()
        return _field(self._call("ctrl", wait_ms=timeout, data=payload, **fields), "count", int)
